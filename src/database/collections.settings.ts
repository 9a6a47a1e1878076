import { Matches } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';

const CollectionName = (name: string) =>
  Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { message: `${name} must be a collection name` });

@Feature({
  title: "Rocket.Chat's collections",
  folder: 'src/database',
  summary:
    "Rocket.Chat's own names by default, to run beside an existing Rocket.Chat database; what " +
    'the service reads and writes in each is in [deployment](deployment.md).',
})
export class CollectionsSettings {
  @Setting({ description: 'Livechat rooms.', type: 'collection name' })
  @CollectionName('ROOMS_COLLECTION')
  ROOMS_COLLECTION: string = 'rocketchat_room';

  @Setting({ description: 'Livechat visitors.', type: 'collection name' })
  @CollectionName('VISITORS_COLLECTION')
  VISITORS_COLLECTION: string = 'rocketchat_livechat_visitor';

  @Setting({
    description:
      'Rocket.Chat settings read here (`Livechat_enabled`, ' +
      '`Omnichannel_allow_visitors_to_close_conversation`, `Accounts_LoginExpiration`) and the ' +
      '`Livechat_guest_count` counter (`npm run settings`: [operations](operations.md)).',
    type: 'collection name',
  })
  @CollectionName('SETTINGS_COLLECTION')
  SETTINGS_COLLECTION: string = 'rocketchat_settings';

  @Setting({
    description:
      "Rocket.Chat users: a livechat agent named by GET room's `agentId`, report managers by " +
      'their login token.',
    type: 'collection name',
  })
  @CollectionName('USERS_COLLECTION')
  USERS_COLLECTION: string = 'users';

  @Setting({
    description: "Rocket.Chat's livechat departments, read for the reports' department names.",
    type: 'collection name',
  })
  @CollectionName('DEPARTMENTS_COLLECTION')
  DEPARTMENTS_COLLECTION: string = 'rocketchat_livechat_department';

  @Setting({
    description: "Rocket.Chat messages: erasing a visitor deletes those of the visitor's rooms.",
    type: 'collection name',
  })
  @CollectionName('MESSAGES_COLLECTION')
  MESSAGES_COLLECTION: string = 'rocketchat_message';
}
