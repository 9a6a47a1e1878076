// Validates openapi.json with @apidevtools/swagger-parser (an ESM package: run by node itself,
// since Jest's CommonJS runtime cannot load it). Prints the verdict; exits 1 on errors.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const SwaggerParser = require('@apidevtools/swagger-parser');

const file = resolve(__dirname, '..', 'openapi.json');
SwaggerParser.validate(JSON.parse(readFileSync(file, 'utf8')))
  .then((api) => {
    const operations = Object.values(api.paths).flatMap((ops) => Object.keys(ops)).length;
    console.log(`openapi.json: valid OpenAPI ${api.openapi}, ${operations} operations, 0 errors`);
  })
  .catch((error) => {
    console.error(`openapi.json: INVALID: ${error.message}`);
    process.exit(1);
  });
