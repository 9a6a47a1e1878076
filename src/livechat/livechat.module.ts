import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { RocketChatBodyMiddleware } from '../common/rocketchat-body.middleware';
import { RocketChatChecks } from '../common/rocketchat-checks.middleware';
import { RocketChatParamsGuard } from '../common/rocketchat-params.guard';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository } from './agent/agent.repository';
import { Agent, createAgentSchema } from './agent/agent.schema';
import { DepartmentRepository } from './department/department.repository';
import { createDepartmentSchema, Department } from './department/department.schema';
import { RoomReportRepository } from './room/room-report.repository';
import { MessageRepository } from './message/message.repository';
import { createMessageSchema, Message } from './message/message.schema';
import { RoomController } from './room/room.controller';
import { RoomRepository } from './room/room.repository';
import { createRoomSchema, Room } from './room/room.schema';
import { RoomService } from './room/room.service';
import { LivechatConfigController } from './settings/livechat-config.controller';
import { LivechatConfigService } from './settings/livechat-config.service';
import { createSettingSchema, Setting } from './settings/setting.schema';
import { SettingsRepository } from './settings/settings.repository';
import { VisitorsMayCloseGuard } from './settings/visitors-may-close.guard';
import { SurveyService } from './survey/survey.service';
import { VisitorController } from './visitor/visitor.controller';
import { VisitorRepository } from './visitor/visitor.repository';
import { createVisitorSchema, Visitor } from './visitor/visitor.schema';
import { VisitorService } from './visitor/visitor.service';
import { VisitorTokenGuard } from './visitor/visitor-token.guard';
import { WebhookOutboxModule } from '../webhooks/webhook-outbox.module';

/** Each model on its configured collection (Rocket.Chat's names by default). */
const model = (
  name: string,
  create: (collection: string) => unknown,
  pick: (c: AppConfig['collections']) => string,
) => ({
  name,
  inject: [appConfig.KEY],
  useFactory: (config: AppConfig) => create(pick(config.collections)),
});

/** Rocket.Chat's public livechat API: the routes a widget, bot or SDK calls. */
@Module({
  imports: [
    MongooseModule.forFeatureAsync([
      model(Room.name, createRoomSchema, (c) => c.rooms),
      model(Visitor.name, createVisitorSchema, (c) => c.visitors),
      model(Setting.name, createSettingSchema, (c) => c.settings),
      model(Agent.name, createAgentSchema, (c) => c.users),
      model(Department.name, createDepartmentSchema, (c) => c.departments),
      model(Message.name, createMessageSchema, (c) => c.messages),
    ]),
    WebhookOutboxModule,
    DiscoveryModule,
  ],
  controllers: [RoomController, VisitorController, LivechatConfigController],
  providers: [
    RoomRepository,
    VisitorRepository,
    SettingsRepository,
    AgentRepository,
    DepartmentRepository,
    RoomReportRepository,
    MessageRepository,
    RoomService,
    VisitorService,
    SurveyService,
    LivechatConfigService,
    VisitorTokenGuard,
    VisitorsMayCloseGuard,
    // What runs first on the livechat routes, ahead of Nest's router (configureApp mounts it).
    RocketChatChecks,
    RocketChatParamsGuard,
    RocketChatBodyMiddleware,
  ],
  // What the reports read of Rocket.Chat's collections, through the queries owned here.
  // Survey links: a room whole by id, and the survey write path itself (one place for it).
  // The room.closed watcher: this instance's closes.
  exports: [
    AgentRepository,
    DepartmentRepository,
    RoomReportRepository,
    RoomRepository,
    RoomService,
    SettingsRepository,
    SurveyService,
  ],
})
export class LivechatModule {}
