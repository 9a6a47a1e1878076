import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RocketChatError } from './rocketchat-error';

function firstMessage(errors: ValidationError[]): string | undefined {
  for (const error of errors) {
    const message = Object.values(error.constraints ?? {})[0] ?? firstMessage(error.children ?? []);
    if (message) return message;
  }
  return undefined;
}

/**
 * class-validator DTOs for this service's own routes (the reports), answering in Rocket.Chat's
 * usual envelope: `{"success":false,"error":"<first message> [invalid-params]","errorType":"invalid-params"}`.
 * Unknown parameters are refused; query strings become numbers where the DTO says so.
 */
export const invalidParamsPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => RocketChatError.bracketed('invalid-params', firstMessage(errors)),
  });
