import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { invalidParamsPipe } from '../common/invalid-params.pipe';
import { ManagerAuthGuard } from '../reports/manager-auth.guard';
import { RequireScope } from '../reports/scopes';
import { CreateWebhookDto, DeliveriesQueryDto } from './dto/webhook.dto';
import {
  ApiCreateWebhook,
  ApiDeleteWebhook,
  ApiListDeliveries,
  ApiListWebhooks,
  ApiRetryDelivery,
} from './webhooks.openapi';
import { WebhooksService } from './webhooks.service';

const ok = <T extends object>(body: T) => ({ ...body, success: true as const });

/** Survey webhooks for managers: the credentials first (guard), then the parameters (pipe). */
@ApiTags('survey webhooks')
@Controller('api/v1/livechat/survey.webhooks')
@UseGuards(ManagerAuthGuard)
@RequireScope('webhooks:manage')
@UsePipes(invalidParamsPipe())
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(200)
  @ApiCreateWebhook()
  async create(@Body() body: CreateWebhookDto) {
    return ok(await this.webhooks.create(body));
  }

  @Get()
  @ApiListWebhooks()
  async list() {
    return ok(await this.webhooks.list());
  }

  @Delete(':id')
  @ApiDeleteWebhook()
  async remove(@Param('id') id: string) {
    return ok(await this.webhooks.remove(id));
  }

  @Get(':id/deliveries')
  @ApiListDeliveries()
  async deliveries(@Param('id') id: string, @Query() query: DeliveriesQueryDto) {
    return ok(await this.webhooks.listDeliveries(id, query));
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiRetryDelivery()
  async retry(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return ok(await this.webhooks.retry(id, deliveryId));
  }
}
