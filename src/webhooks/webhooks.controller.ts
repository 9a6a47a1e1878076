import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { invalidParamsPipe } from '../common/invalid-params.pipe';
import { ManagerAuthGuard } from '../reports/manager-auth.guard';
import { RequireScope } from '../reports/scopes';
import {
  BulkRetryDto,
  CreateWebhookDto,
  DeliveriesQueryDto,
  RotateSecretDto,
  UpdateWebhookDto,
} from './dto/webhook.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import {
  ApiBulkRetry,
  ApiPingWebhook,
  ApiRotateSecret,
  ApiUpdateWebhook,
} from './webhooks-manage.openapi';
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
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

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

  @Patch(':id')
  @ApiUpdateWebhook()
  async update(@Param('id') id: string, @Body() body: UpdateWebhookDto) {
    return ok(await this.webhooks.update(id, body));
  }

  @Delete(':id')
  @ApiDeleteWebhook()
  async remove(@Param('id') id: string) {
    return ok(await this.webhooks.remove(id));
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiRotateSecret()
  async rotate(@Param('id') id: string, @Body() body: RotateSecretDto) {
    return ok(await this.webhooks.rotate(id, body));
  }

  @Post(':id/ping')
  @HttpCode(200)
  @ApiPingWebhook()
  async ping(@Param('id') id: string) {
    return ok(await this.deliveries.ping(id));
  }

  @Get(':id/deliveries')
  @ApiListDeliveries()
  async listDeliveries(@Param('id') id: string, @Query() query: DeliveriesQueryDto) {
    return ok(await this.deliveries.list(id, query));
  }

  @Post(':id/deliveries/retry')
  @HttpCode(200)
  @ApiBulkRetry()
  async retryFailed(@Param('id') id: string, @Body() _body: BulkRetryDto) {
    return ok(await this.deliveries.retryFailed(id));
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiRetryDelivery()
  async retry(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return ok(await this.deliveries.retry(id, deliveryId));
  }
}
