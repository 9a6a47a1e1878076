import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { IntegerVariable, PortVariable } from '../config/variables';

export const FERRETDB_VERSION = 'v1.24.2';
/** FERRETDB_BIN's default, relative to the project folder (npm run ferretdb:build makes it). */
export const FERRETDB_BIN_DEFAULT = `.cache/ferretdb-${FERRETDB_VERSION}/ferretdb`;

@Feature({
  title: 'Embedded database',
  folder: 'src/database',
  summary:
    'Only when [`MONGODB_URI`](#mongodb_uri) is unset: a FerretDB the service starts itself, ' +
    'for one instance ([FerretDB](FERRETDB.md)).',
})
export class EmbeddedDatabaseSettings {
  @Setting({
    description:
      'Data directory, relative to the project folder, kept across restarts. One running ' +
      'service per directory (`livechat-survey.lock` in it): a second start on it exits 1 ' +
      'naming the first.',
    type: 'path',
  })
  @IsString()
  @IsNotEmpty()
  EMBEDDED_DB_DIR: string = '.data/ferretdb';

  @Setting({
    description: 'Port of the embedded FerretDB on 127.0.0.1 (`npm run seed` connects to it too).',
  })
  @PortVariable(1)
  EMBEDDED_DB_PORT: number = 27117;

  @Setting({
    description:
      'Restarts in a row of an embedded FerretDB that exits on its own (after waits of 1, 2, ' +
      '4, 8, 16 s) before the service exits 1 for a process manager to restart it; `0`: exit 1 ' +
      "at FerretDB's first exit.",
  })
  @IntegerVariable(0, 100)
  EMBEDDED_DB_MAX_RESTARTS: number = 5;

  @Setting({ description: 'The database name on the embedded FerretDB.', type: 'database name' })
  @IsString()
  @IsNotEmpty()
  EMBEDDED_DB_NAME: string = 'livechat_survey';

  @Setting({
    description: 'The FerretDB binary (`npm run ferretdb:build` makes the default one).',
    unset: `\`${FERRETDB_BIN_DEFAULT}\``,
    type: 'path',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  FERRETDB_BIN?: string;
}
