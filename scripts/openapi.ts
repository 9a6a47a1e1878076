/**
 * Writes openapi.json, the committed OpenAPI document, from the code: no database is started
 * (the app is created in Nest's preview mode, which instantiates no provider).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { createOpenApiDocument } from '../src/openapi/openapi.document';

export const OPENAPI_FILE = resolve(__dirname, '..', 'openapi.json');

export async function generateOpenApi(): Promise<string> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  const text = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  return text;
}

if (require.main === module) {
  generateOpenApi()
    .then((text) => {
      writeFileSync(OPENAPI_FILE, text);
      console.log(`wrote ${OPENAPI_FILE}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
