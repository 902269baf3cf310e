import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createRouter } from '#shared/http/router';

const event = (routeKey: string) => ({ routeKey }) as APIGatewayProxyEventV2;
const context = {} as Context;
const answer = (body: string) => async () => ({ statusCode: 200, body });

describe('createRouter', () => {
  it("calls the module of the event's route key and loads no other", async () => {
    // Prepare
    const loads: string[] = [];
    const tracked = (name: string) => async () => {
      loads.push(name);
      return { handler: answer(name) };
    };
    const router = createRouter({ 'GET /a': tracked('a'), 'GET /b': tracked('b') });
    // Act
    const result = await router(event('GET /b'), context);
    // Assess
    expect(result).toEqual({ statusCode: 200, body: 'b' });
    expect(loads).toEqual(['b']);
  });

  it('loads a module once for the warm container', async () => {
    let loads = 0;
    const router = createRouter({
      'GET /a': async () => {
        loads++;
        return { handler: answer('a') };
      },
    });
    await Promise.all([router(event('GET /a'), context), router(event('GET /a'), context)]);
    await router(event('GET /a'), context);
    expect(loads).toBe(1);
  });

  it('answers 404 problem+json for a route key it does not serve', async () => {
    const router = createRouter({ 'GET /a': async () => ({ handler: answer('a') }) });
    const result = await router(event('DELETE /a'), context);
    expect(result).toMatchObject({
      statusCode: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  });

  it('tries a module that failed to load again on the next request', async () => {
    let attempt = 0;
    const router = createRouter({
      'GET /a': async () => {
        attempt++;
        if (attempt === 1) throw new Error('init failed');
        return { handler: answer('a') };
      },
    });
    await expect(router(event('GET /a'), context)).rejects.toThrow('init failed');
    expect(await router(event('GET /a'), context)).toEqual({ statusCode: 200, body: 'a' });
  });
});
