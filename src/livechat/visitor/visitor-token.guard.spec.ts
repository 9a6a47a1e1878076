import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RocketChatError } from '../../common/rocketchat-error';
import type { VisitorRepository } from './visitor.repository';
import { VisitorTokenGuard, type VisitorTokenOptions } from './visitor-token.guard';

const visitor = { _id: 'v1', username: 'guest-2', token: 'secret', name: 'Jane' };

function contextFor(request: Record<string, unknown>, options: VisitorTokenOptions) {
  const handler = () => undefined;
  Reflect.defineMetadata('livechat:visitor-token', options, handler);
  return {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('VisitorTokenGuard', () => {
  const findByToken = jest.fn((token: string) =>
    Promise.resolve(token === 'secret' ? visitor : null),
  );
  const guard = new VisitorTokenGuard(new Reflector(), {
    findByToken,
  } as unknown as VisitorRepository);

  beforeEach(() => findByToken.mockClear());

  it('attaches the visitor found by the body token', async () => {
    const request: Record<string, unknown> = { body: { token: 'secret' } };
    await expect(
      guard.canActivate(contextFor(request, { from: 'body', style: 'bracketed' })),
    ).resolves.toBe(true);
    expect(request.visitor).toBe(visitor);
    expect(findByToken).toHaveBeenCalledWith('secret');
  });

  it('reads the token from the path or the query when the route says so', async () => {
    const byPath: Record<string, unknown> = { params: { token: 'secret' } };
    await guard.canActivate(contextFor(byPath, { from: 'params', style: 'bracketed' }));
    expect(byPath.visitor).toBe(visitor);
    const byQuery: Record<string, unknown> = { query: { token: 'secret' } };
    await guard.canActivate(contextFor(byQuery, { from: 'query', style: 'plain' }));
    expect(byQuery.visitor).toBe(visitor);
  });

  it('answers [invalid-token] with errorType on bracketed routes', async () => {
    const attempt = guard.canActivate(
      contextFor({ body: { token: 'nope' } }, { from: 'body', style: 'bracketed' }),
    );
    await expect(attempt).rejects.toEqual(RocketChatError.bracketed('invalid-token'));
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      body: { success: false, error: '[invalid-token]', errorType: 'invalid-token' },
    });
  });

  it('answers plain invalid-token on plain routes', async () => {
    const attempt = guard.canActivate(
      contextFor({ query: { token: 'nope' } }, { from: 'query', style: 'plain' }),
    );
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      body: { success: false, error: 'invalid-token' },
    });
  });

  it('never queries with a token that is not a string', async () => {
    const attempt = guard.canActivate(
      contextFor({ query: { token: { $ne: null } } }, { from: 'query', style: 'plain' }),
    );
    await expect(attempt).rejects.toBeInstanceOf(RocketChatError);
    expect(findByToken).not.toHaveBeenCalled();
  });
});
