import { buildAppConfig } from '../config/app.config';
import { describeDatabase } from './connection-string';

const describe_ = (MONGODB_URI?: string, MONGODB_DATABASE?: string) =>
  describeDatabase(buildAppConfig({ MONGODB_URI, MONGODB_DATABASE }).database);

describe('describeDatabase', () => {
  it('names the hosts and database of MONGODB_URI without credentials or options', () => {
    expect(
      describe_(
        'mongodb://app:s3cret@db1:27017,db2:27017/livechat?replicaSet=rs0&authSource=admin',
      ),
    ).toBe('MongoDB at mongodb://db1:27017,db2:27017/livechat');
    expect(describe_('mongodb+srv://u:p%40ss@cluster0.example.net/livechat?retryWrites=true')).toBe(
      'MongoDB at mongodb+srv://cluster0.example.net/livechat',
    );
  });

  it('names the database MONGODB_DATABASE sets', () => {
    expect(
      describe_('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true', 'rocketchat'),
    ).toBe('MongoDB at mongodb+srv://cluster0.example.net/rocketchat');
  });

  it('never echoes a connection string it cannot parse', () => {
    expect(describe_('mongodb://u:p@ss/word@host/db', 'db')).not.toMatch(/p@ss|word/);
  });

  it('names the embedded database and its data directory when MONGODB_URI is unset', () => {
    expect(describe_()).toMatch(
      /^embedded FerretDB \(SQLite\), data in \/.*\.data\/ferretdb, database livechat_survey$/,
    );
  });
});
