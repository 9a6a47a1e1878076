import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RocketChatBodyMiddleware } from '../common/rocketchat-body.middleware';
import { appConfig, type AppConfig } from '../config/app.config';
import { RoomController } from './room/room.controller';
import { RoomRepository } from './room/room.repository';
import { createRoomSchema, Room } from './room/room.schema';
import { SurveyService } from './survey/survey.service';
import { VisitorRepository } from './visitor/visitor.repository';
import { createVisitorSchema, Visitor } from './visitor/visitor.schema';
import { VisitorTokenGuard } from './visitor/visitor-token.guard';

/** Rocket.Chat's public livechat API: the routes a widget, bot or SDK calls. */
@Module({
  imports: [
    MongooseModule.forFeatureAsync([
      {
        name: Room.name,
        inject: [appConfig.KEY],
        useFactory: (config: AppConfig) => createRoomSchema(config.collections.rooms),
      },
      {
        name: Visitor.name,
        inject: [appConfig.KEY],
        useFactory: (config: AppConfig) => createVisitorSchema(config.collections.visitors),
      },
    ]),
  ],
  controllers: [RoomController],
  providers: [RoomRepository, VisitorRepository, VisitorTokenGuard, SurveyService],
})
export class LivechatModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RocketChatBodyMiddleware).forRoutes(RoomController);
  }
}
