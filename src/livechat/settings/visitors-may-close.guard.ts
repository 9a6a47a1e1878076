import { CanActivate, Injectable } from '@nestjs/common';
import { RocketChatError } from '../../common/rocketchat-error';
import { VISITORS_MAY_CLOSE } from './livechat-settings';
import { SettingsRepository } from './settings.repository';

/**
 * room.close is refused when Rocket.Chat's Omnichannel_allow_visitors_to_close_conversation
 * setting is off (default on); Rocket.Chat checks it after the params, before the token.
 */
@Injectable()
export class VisitorsMayCloseGuard implements CanActivate {
  constructor(private readonly settings: SettingsRepository) {}

  async canActivate(): Promise<boolean> {
    if (!(await this.settings.getBoolean(VISITORS_MAY_CLOSE, true))) {
      throw RocketChatError.plain('error-not-allowed-to-close-conversation');
    }
    return true;
  }
}
