import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../../config/app.config';
import { AgentRepository } from '../agent/agent.repository';
import { RoomRepository } from '../room/room.repository';
import { VisitorRepository } from '../visitor/visitor.repository';
import { LIVECHAT_ENABLED, VISITORS_MAY_CLOSE } from './livechat-settings';
import { SettingsRepository } from './settings.repository';

/**
 * The widget configuration of Rocket.Chat's GET livechat/config, with Rocket.Chat's defaults
 * for what this service does not manage (theme, messages, registration form), so that a widget
 * can render itself and its survey form from here.
 */
@Injectable()
export class LivechatConfigService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly visitors: VisitorRepository,
    private readonly rooms: RoomRepository,
    private readonly agents: AgentRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async widgetConfig(token?: string | null) {
    if (!(await this.settings.getBoolean(LIVECHAT_ENABLED, true))) return { enabled: false };
    const visitor = token ? await this.visitors.findDocumentByToken(token) : null;
    const room = visitor?.token ? await this.rooms.findOpen(visitor.token) : null;
    const agent = room?.servedBy ? await this.agents.findAgent(room.servedBy._id) : null;
    return {
      enabled: true,
      settings: {
        registrationForm: true,
        allowSwitchingDepartments: true,
        nameFieldRegistrationForm: true,
        emailFieldRegistrationForm: true,
        displayOfflineForm: true,
        fileUpload: false,
        transcript: false,
        visitorsCanCloseChat: await this.settings.getBoolean(VISITORS_MAY_CLOSE, true),
      },
      theme: { title: 'Rocket.Chat', color: '#C1272D', offlineTitle: 'Leave a message' },
      messages: {},
      survey: { items: this.config.survey.items, values: this.config.survey.values },
      triggers: [],
      departments: [],
      resources: {},
      // This service does not route chats: rooms open on request, so the widget stays online.
      online: true,
      // Rocket.Chat's findGuestWithoutActivity: the visitor without its activity log.
      ...(visitor && { guest: { ...visitor, activity: undefined } }),
      ...(room && { room }),
      ...(agent && { agent }),
    };
  }
}
