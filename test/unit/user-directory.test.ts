import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '#shared/http/auth';
import { cognitoUserDirectory } from '#shared/users/cognito';

type Sent = { command: string; input: Record<string, unknown> };

/** A Cognito client stand-in: answers ListUsers from `pages`, records every command. */
function fakeCognito(pages: { Username: string; attrs: Record<string, string> }[][], missing: string[] = []) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push({ command: command.constructor.name, input: command.input });
      if (command instanceof ListUsersCommand) {
        const index = Number(command.input.PaginationToken ?? 0);
        return {
          Users: pages[index]!.map((u) => ({
            Username: u.Username,
            Attributes: Object.entries(u.attrs).map(([Name, Value]) => ({ Name, Value })),
          })),
          PaginationToken: index + 1 < pages.length ? String(index + 1) : undefined,
        };
      }
      if (command instanceof AdminEnableUserCommand && missing.includes(String(command.input.Username))) {
        throw Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
      }
      return {};
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: only `send` is used
  return { client: client as any, sent };
}

const partner = (networkId: string, partnerId: string) => ({
  [CLAIMS.networkId]: networkId,
  [CLAIMS.partnerId]: partnerId,
  [CLAIMS.role]: 'partner',
});

describe('Cognito user directory', () => {
  it("pages through the pool's enabled users and signs out, then disables, exactly the partner's", async () => {
    // Prepare: the partner's users on two pages, among a coordinator, another network's partner
    // with the same id and another partner of the same network
    const { client, sent } = fakeCognito([
      [
        { Username: 'u1', attrs: partner('n1', 'p1') },
        { Username: 'coord', attrs: { [CLAIMS.networkId]: 'n1', [CLAIMS.role]: 'coordinator' } },
        { Username: 'twin', attrs: partner('n2', 'p1') },
      ],
      [
        { Username: 'neighbour', attrs: partner('n1', 'p2') },
        { Username: 'u2', attrs: partner('n1', 'p1') },
      ],
    ]);
    // Act
    const names = await cognitoUserDirectory('pool-1', client).disablePartnerUsers('n1', 'p1');
    // Assess
    expect(names).toEqual(['u1', 'u2']);
    expect(sent.map((s) => [s.command, s.input.Username ?? s.input.PaginationToken ?? null])).toEqual([
      [ListUsersCommand.name, null],
      [ListUsersCommand.name, '1'],
      [AdminUserGlobalSignOutCommand.name, 'u1'],
      [AdminDisableUserCommand.name, 'u1'],
      [AdminUserGlobalSignOutCommand.name, 'u2'],
      [AdminDisableUserCommand.name, 'u2'],
    ]);
    expect(sent[0]!.input).toMatchObject({ UserPoolId: 'pool-1', Filter: 'status = "Enabled"', Limit: 60 });
    for (const s of sent) expect(s.input.UserPoolId).toBe('pool-1');
  });

  it('enables the given users again and skips one that no longer exists', async () => {
    const { client, sent } = fakeCognito([[]], ['gone']);
    await cognitoUserDirectory('pool-1', client).enableUsers(['u1', 'gone', 'u2']);
    expect(sent.map((s) => [s.command, s.input.Username])).toEqual([
      [AdminEnableUserCommand.name, 'u1'],
      [AdminEnableUserCommand.name, 'gone'],
      [AdminEnableUserCommand.name, 'u2'],
    ]);
  });
});
