import { AgentRepository, type UserNames } from '../livechat/agent/agent.repository';
import { DepartmentRepository } from '../livechat/department/department.repository';

/**
 * Beyond this many names of one kind, the book starts afresh: an export over many thousands of
 * agents re-reads a few names instead of holding them all.
 */
const MAX_NAMES = 10_000;

/** What the book needs of a row: its agent's and department's ids. */
export interface NamedRow {
  agent: { _id: string } | null;
  departmentId: string | null;
}

/**
 * The names of the agents and departments of the rows of one request, read from Rocket.Chat's
 * users and departments collections once per id: one query per collection per batch of rows
 * that brings a new id, never one per row.
 */
export class NameBook {
  private readonly agents = new Map<string, UserNames | null>();
  private readonly departments = new Map<string, string | null>();

  constructor(
    private readonly users: AgentRepository,
    private readonly departmentNames: DepartmentRepository,
  ) {}

  /** Reads the names of the rows' agents and departments the book does not know yet. */
  async learn(rows: readonly NamedRow[]): Promise<void> {
    const agentIds = unknownIds(
      rows.map((row) => row.agent?._id),
      this.agents,
    );
    const departmentIds = unknownIds(
      rows.map((row) => row.departmentId),
      this.departments,
    );
    const [agents, departments] = await Promise.all([
      this.users.namesOf(agentIds),
      this.departmentNames.names(departmentIds),
    ]);
    remember(this.agents, agentIds, (id) => agents.get(id) ?? null);
    remember(this.departments, departmentIds, (id) => departments.get(id) ?? null);
  }

  agent(id: string): UserNames | null {
    return this.agents.get(id) ?? null;
  }

  department(id: string): string | null {
    return this.departments.get(id) ?? null;
  }
}

function unknownIds<T>(ids: Array<string | null | undefined>, known: Map<string, T>): string[] {
  const fresh = new Set<string>();
  for (const id of ids) if (id && !known.has(id)) fresh.add(id);
  return [...fresh];
}

function remember<T>(book: Map<string, T>, ids: string[], value: (id: string) => T): void {
  if (book.size + ids.length > MAX_NAMES) book.clear();
  for (const id of ids) book.set(id, value(id));
}
