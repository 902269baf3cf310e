import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { grantPartnerDirectory } from '#infra/constructs/partners';
import { ENV } from '#shared/env-names';
import { actionsOf, policyStatements } from '#test/support/synth';

/** A stack with a user pool and one plain function per route key (the grant, not the API, is tested). */
function given(routeKeys: string[]) {
  const stack = new Stack(new App(), 'Test');
  const userPool = new UserPool(stack, 'Users');
  const functions = new Map(
    routeKeys.map((key, i) => [
      key,
      new LambdaFunction(stack, `Fn${i}`, {
        runtime: Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: Code.fromInline('export const handler = async () => ({})'),
      }),
    ]),
  );
  return { stack, userPool, functions };
}

describe('partner deactivation in CDK: Cognito grants', () => {
  it('lets exactly the granted functions sign out, disable and enable users of this user pool', () => {
    // Prepare
    const { stack, userPool, functions } = given(['a', 'b', 'c']);
    // Act
    grantPartnerDirectory(functions.get('a')!, userPool);
    grantPartnerDirectory(functions.get('b')!, userPool);
    // Assess
    const template = Template.fromStack(stack);
    const poolArn = { 'Fn::GetAtt': [stack.getLogicalId(userPool.node.defaultChild as never), 'Arn'] };
    for (const i of [0, 1]) {
      const statements = policyStatements(template, `Fn${i}ServiceRoleDefaultPolicy`);
      expect(actionsOf(statements).sort()).toEqual([
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:ListUsers',
      ]);
      for (const s of statements) expect(s.Resource).toEqual(poolArn);
    }
    expect(policyStatements(template, 'Fn2ServiceRole')).toEqual([]);
    const functionsById = template.findResources('AWS::Lambda::Function');
    const env = (i: number) =>
      (
        Object.entries(functionsById).find(([id]) => id.startsWith(`Fn${i}`))![1] as {
          Properties: { Environment?: { Variables?: Record<string, unknown> } };
        }
      ).Properties.Environment;
    expect(env(0)?.Variables?.[ENV.userPoolId]).toEqual({
      Ref: stack.getLogicalId(userPool.node.defaultChild as never),
    });
    expect(env(2)).toBeUndefined();
  });
});
