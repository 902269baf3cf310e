import { describe, expect, it } from 'vitest';
import { type Route, routes } from '#infra/routes';

describe('functions without table access', () => {
  const tableless = (routes as readonly Route[]).filter((r) => r.access === 'none');

  it.each(tableless.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s loads and answers without a TABLE_NAME (CDK gives it none)',
    async (_, route) => {
      // Prepare
      expect(process.env.TABLE_NAME).toBeUndefined();
      // Act
      const { handler } = (await import(`../../${route.entry}`)) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number }>;
      };
      const res = await handler({ requestContext: { http: { method: route.method } }, headers: {} }, {});
      // Assess
      expect(res.statusCode).toBe(200);
    },
  );
});
