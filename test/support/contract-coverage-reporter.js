// Prints which documented (path, method, status) triples of openapi.json the end-to-end suite
// exercised, and fails a full run that leaves one unexercised.
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

class ContractCoverageReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.error = undefined;
  }

  onRunComplete() {
    const dir = process.env.CONTRACT_DIR;
    if (!dir) return;
    const spec = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    const documented = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const status of Object.keys(operation.responses))
          documented.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    const seen = new Set();
    let responses = 0;
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const [path, method, status] = JSON.parse(line);
        seen.add(`${method.toUpperCase()} ${path} ${status}`);
        responses++;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    const missing = documented.filter((triple) => !seen.has(triple));
    console.log(
      `\ncontract: ${documented.length - missing.length} of ${documented.length} documented (path, method, status) triples exercised, ${responses} responses validated against openapi.json`,
    );
    if (missing.length > 0) console.log(`contract: not exercised:\n  ${missing.join('\n  ')}`);
    const { testNamePattern, testPathPatterns, selectProjects } = this.globalConfig;
    const filtered =
      Boolean(testNamePattern) ||
      (testPathPatterns?.patterns?.length ?? 0) > 0 ||
      Boolean(selectProjects?.length);
    if (missing.length > 0 && !filtered) {
      this.error = new Error(
        `contract: ${missing.length} documented responses were never exercised`,
      );
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = ContractCoverageReporter;
