/** Just enough of a Dockerfile parser for the deploy specs: stages and their instructions. */
export interface Stage {
  name?: string;
  image: string;
  instructions: { keyword: string; args: string }[];
}

/** The Dockerfile's stages, with continuation lines joined and global ARG defaults applied. */
export function dockerStages(text: string): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [keyword, rest] = [line.split(/\s+/)[0].toUpperCase(), line.replace(/^\S+\s*/, '')];
    if (keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = rest.split('=');
      args[name] = value;
    } else if (keyword === 'FROM') {
      const [image, , name] = rest.split(/\s+/);
      stages.push({
        image: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args[arg]),
        name,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push({ keyword, args: rest });
    }
  }
  return stages;
}

export const argsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
