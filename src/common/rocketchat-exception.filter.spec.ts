import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { mongo } from 'mongoose';
import { RocketChatError } from './rocketchat-error';
import { RocketChatExceptionFilter } from './rocketchat-exception.filter';

describe('RocketChatExceptionFilter', () => {
  const filter = new RocketChatExceptionFilter();
  const shape = (exception: unknown) => {
    const error = filter.toRocketChat(exception);
    return { status: error.status, body: error.body };
  };

  beforeAll(() => jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined));

  it('writes bracketed errors with their type, and with a message when there is one', () => {
    expect(shape(RocketChatError.bracketed('invalid-room'))).toEqual({
      status: 400,
      body: { success: false, error: '[invalid-room]', errorType: 'invalid-room' },
    });
    expect(shape(RocketChatError.bracketed('invalid-params', 'must be object'))).toEqual({
      status: 400,
      body: {
        success: false,
        error: 'must be object [invalid-params]',
        errorType: 'invalid-params',
      },
    });
  });

  it('writes plain errors without errorType', () => {
    expect(shape(RocketChatError.plain('room-closed'))).toEqual({
      status: 400,
      body: { success: false, error: 'room-closed' },
    });
  });

  it('answers 503 service-unavailable when the database cannot be reached', () => {
    const error = new mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
    expect(shape(error)).toEqual({
      status: 503,
      body: { success: false, error: '[service-unavailable]', errorType: 'service-unavailable' },
    });
  });

  it('answers 503 for a bulk write that failed on a lost connection, 500 for other bulk failures', () => {
    const lost = new mongo.MongoBulkWriteError(
      new mongo.MongoNetworkError('connection 3 closed'),
      {} as never,
    );
    expect(shape(lost).status).toBe(503);
    const other = new mongo.MongoBulkWriteError(
      { message: 'E11000', code: 11000, writeErrors: [] },
      {} as never,
    );
    expect(shape(other).status).toBe(500);
  });

  it("answers 503 for the database's own InternalError, 500 for other server errors", () => {
    const internal = new mongo.MongoServerError({
      message: 'sql: transaction has already been committed or rolled back',
      code: 1,
    });
    expect(shape(internal).status).toBe(503);
    expect(shape(new mongo.MongoServerError({ message: 'E11000', code: 11000 })).status).toBe(500);
  });

  it('answers 503 for a raw socket error the driver let through', () => {
    const ended = Object.assign(new Error('This socket has been ended by the other party'), {
      code: 'EPIPE',
    });
    expect(shape(ended).status).toBe(503);
  });

  it('keeps Nest and body-parser client errors as their status, with a fixed text', () => {
    expect(
      shape(new NotFoundException('Cannot GET /api/v1/livechat/visitor/secret-token')),
    ).toEqual({
      status: 404,
      body: { success: false, error: 'Not found' },
    });
    expect(shape(new BadRequestException('details'))).toEqual({
      status: 400,
      body: { success: false, error: 'Bad request' },
    });
    expect(shape(new PayloadTooLargeException()).body).toEqual({
      success: false,
      error: '[payload-too-large]',
      errorType: 'payload-too-large',
    });
    expect(
      shape(Object.assign(new Error('request entity too large'), { status: 413 })).status,
    ).toBe(413);
  });

  it('answers anything else as Rocket.Chat does, without internals', () => {
    const result = shape(new TypeError("Cannot read properties of undefined (reading 'token')"));
    expect(result).toEqual({
      status: 500,
      body: { success: false, error: 'Internal server error' },
    });
  });
});
