import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RocketChatRoutes } from '../../common/rocketchat-checks.middleware';
import { MeteorCheck } from '../../common/rocketchat-params.guard';
import { StrictRateLimit } from '../../rate-limit/rate-limit.decorators';
import { REGISTER_VISITOR_PATTERN, RegisterVisitorDto } from './dto/register-visitor.dto';
import type { VisitorDocument, VisitorRef } from './visitor.repository';
import { ApiEraseVisitor, ApiGetVisitor, ApiRegisterVisitor } from './visitor.openapi';
import { VisitorService } from './visitor.service';
import { CurrentVisitor, VisitorToken, VisitorTokenGuard } from './visitor-token.guard';

@ApiTags('livechat visitors')
@Controller('api/v1/livechat')
@RocketChatRoutes()
export class VisitorController {
  constructor(private readonly visitors: VisitorService) {}

  @Post('visitor')
  @ApiRegisterVisitor()
  @StrictRateLimit()
  @HttpCode(200)
  @MeteorCheck(REGISTER_VISITOR_PATTERN)
  async register(@Body() body: RegisterVisitorDto) {
    return { visitor: await this.visitors.register(body.visitor), success: true };
  }

  @Get('visitor/:token')
  @ApiGetVisitor()
  @VisitorToken({ from: 'params', style: 'bracketed', document: 'full' })
  @UseGuards(VisitorTokenGuard)
  get(@CurrentVisitor() visitor: VisitorDocument) {
    return { visitor, success: true };
  }

  @Delete('visitor/:token')
  @ApiEraseVisitor()
  @VisitorToken({ from: 'params', style: 'bracketed' })
  @UseGuards(VisitorTokenGuard)
  async erase(@CurrentVisitor() visitor: VisitorRef) {
    return { visitor: await this.visitors.erase(visitor), success: true };
  }
}
