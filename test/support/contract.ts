import { appendFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { NextFunction, Request, Response } from 'express';

/**
 * Contract tests: every response the end-to-end suite receives is checked against the committed
 * openapi.json (schema for its path, method and status, documented headers, media type), with
 * AJV's draft 2020-12 validator. Seen (path, method, status) triples are written to CONTRACT_DIR
 * for the coverage reporter.
 */
type Operation = { responses: Record<string, DocumentedResponse> };
type DocumentedResponse = {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: object }>;
};
type Spec = { paths: Record<string, Record<string, Operation>> };

export const OPENAPI_PATH = resolve(__dirname, '..', '..', 'openapi.json');
const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Spec;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(spec, 'openapi');

const routes = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
}));
const validators = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorFor(template: string, method: string, status: string): ValidateFunction {
  const ref = `openapi#/${pointer('paths', template, method, 'responses', status, 'content', 'application/json', 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

export const violations: string[] = [];

/** Checks one response; returns what is wrong with it (empty when it keeps the contract). */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  headers: Record<string, unknown>,
  body: string,
  optionalHeaders = true,
): string[] {
  // The document is the livechat API: operations endpoints (health, metrics, docs), CORS
  // preflights and paths that are no route (404) are not in it.
  const route = routes.find((r) => r.pattern.test(path));
  if (!route || method === 'OPTIONS') return [];
  const where = `${method.toUpperCase()} ${path} → ${status}`;
  const operation = spec.paths[route.template][method.toLowerCase()];
  if (!operation) return [`${where}: undocumented method`];
  record(route.template, method.toLowerCase(), String(status));
  const documented = operation.responses[String(status)];
  if (!documented) return [`${where}: undocumented status`];
  const problems: string[] = [];
  // Optional headers are the ones a setting can turn off (rate limiting): checked on successes
  // when it is on (errors answered before the limiter runs, such as a malformed path, lack them).
  const checkOptional = optionalHeaders && status < 300;
  for (const [header, { required }] of Object.entries(documented.headers ?? {})) {
    if ((required || checkOptional) && headers[header.toLowerCase()] === undefined) {
      problems.push(`${where}: missing header ${header}`);
    }
  }
  if (documented.content?.['application/json']) {
    if (headers['content-type'] !== 'application/json') {
      problems.push(`${where}: content-type ${String(headers['content-type'])}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [...problems, `${where}: body is not JSON: ${body.slice(0, 200)}`];
    }
    const validate = validatorFor(route.template, method.toLowerCase(), String(status));
    if (!validate(parsed)) {
      problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${body.slice(0, 300)}`);
    }
  }
  return problems;
}

function record(template: string, method: string, status: string): void {
  const dir = process.env.CONTRACT_DIR;
  if (dir)
    appendFileSync(
      join(dir, `seen-${process.pid}.jsonl`),
      `${JSON.stringify([template, method, status])}\n`,
    );
}

/**
 * Express middleware: checks each response as it is sent. `optionalHeaders`: whether the app's
 * settings promise the headers the document marks optional.
 */
export const contractRecorder =
  (optionalHeaders: boolean) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      const body = Buffer.concat(chunks).toString('utf8');
      violations.push(
        ...checkResponse(
          req.method,
          req.path,
          res.statusCode,
          res.getHeaders(),
          body,
          optionalHeaders,
        ),
      );
      return end(chunk, ...rest);
    }) as Response['end'];
    next();
  };
