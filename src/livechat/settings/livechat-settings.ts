/**
 * The Rocket.Chat settings (`rocketchat_settings`) this service reads, with Rocket.Chat's type
 * and default: the one list the service and `npm run settings` share.
 */
export interface LivechatSetting {
  id: string;
  /** How Rocket.Chat stores the value: a boolean, an integer (`int`) or a string. */
  type: 'boolean' | 'int' | 'string';
  /** Rocket.Chat's default (its `packageValue`), used while the setting is unset. */
  default: boolean | number | string;
  /** What it changes here. */
  effect: string;
  hidden: boolean;
  /** Rocket.Chat's administration group, for a setting created here. */
  group: 'Omnichannel' | 'Accounts';
}

export const LIVECHAT_ENABLED = 'Livechat_enabled';
export const VISITORS_MAY_CLOSE = 'Omnichannel_allow_visitors_to_close_conversation';
export const GUEST_COUNT = 'Livechat_guest_count';
export const LOGIN_EXPIRATION = 'Accounts_LoginExpiration';
/** Rocket.Chat's (and Meteor's) default login lifetime, also for a value of 0 or less. */
export const LOGIN_EXPIRATION_DEFAULT_DAYS = 90;

export const LIVECHAT_SETTINGS: readonly LivechatSetting[] = [
  {
    id: LIVECHAT_ENABLED,
    type: 'boolean',
    default: true,
    effect: 'false: GET config answers {"config":{"enabled":false},"success":true}',
    hidden: false,
    group: 'Omnichannel',
  },
  {
    id: VISITORS_MAY_CLOSE,
    type: 'boolean',
    default: true,
    effect: 'false: POST room.close answers error-not-allowed-to-close-conversation',
    hidden: false,
    group: 'Omnichannel',
  },
  {
    id: GUEST_COUNT,
    type: 'int',
    default: 1,
    effect: 'the last guest number given: the next new visitor without a username is guest-<n+1>',
    hidden: true,
    group: 'Omnichannel',
  },
  {
    id: LOGIN_EXPIRATION,
    type: 'int',
    default: LOGIN_EXPIRATION_DEFAULT_DAYS,
    effect:
      'days a login token lasts on the report and webhook routes (0 or less: 90; personal access tokens never expire)',
    hidden: false,
    group: 'Accounts',
  },
];

/** Rocket.Chat's role that lets GET room?agentId= serve a new room by that user. */
export const AGENT_ROLE = 'livechat-agent';
