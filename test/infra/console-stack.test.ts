import { runInNewContext } from 'node:vm';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUDFRONT_REWRITE, formPagePath } from '#infra/console';
import { ConsoleStack } from '#infra/console-stack';
import { ensureConsoleBuilt } from '#infra/local/build-console';

/** The console's CDK stack: private bucket behind CloudFront, `/api/*` to the HTTP API, headers. */
let assetDir = '';
beforeAll(async () => {
  assetDir = await ensureConsoleBuilt(process.cwd());
}, 120_000);

function synth(app = new App({ context: { 'aws:cdk:bundling-stacks': [] } })) {
  const stack = new ConsoleStack(app, 'Console', {
    apiDomain: 'abc123.execute-api.eu-central-1.amazonaws.com',
    assetDir,
    cognito: { domain: 'https://verbund.auth.eu-central-1.amazoncognito.com', clientId: 'client' },
  });
  return { app, stack, template: Template.fromStack(stack) };
}

describe('the console stack', () => {
  it('keeps the bucket private, reached only through origin access control', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('sends /api/* and the hosted form to the HTTP API, uncached, through the rewrite', () => {
    const { template } = synth();
    const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as {
      Properties: {
        DistributionConfig: {
          CacheBehaviors: { PathPattern: string; AllowedMethods: string[] }[];
          Origins: { DomainName: unknown }[];
        };
      };
    }[];
    const config = dist!.Properties.DistributionConfig;
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['/*/anfrage', '/api/*']);
    for (const b of config.CacheBehaviors) expect(b.AllowedMethods).toContain('POST');
    expect(config.Origins.map((o) => o.DomainName)).toContain(
      'abc123.execute-api.eu-central-1.amazonaws.com',
    );
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: CLOUDFRONT_REWRITE,
    });
  });

  it('answers with a CSP without inline scripts, HSTS and no framing', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self';.*frame-ancestors 'none'"),
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    const csp = JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('rewrites in CloudFront exactly as the local dev server does', () => {
    const run = (uri: string) =>
      (
        runInNewContext(`${CLOUDFRONT_REWRITE}; handler({ request: { uri: ${JSON.stringify(uri)} } })`) as {
          uri: string;
        }
      ).uri;
    expect(run('/api/inquiries/HHN-2026-0001')).toBe('/inquiries/HHN-2026-0001');
    expect(run('/demo/anfrage')).toBe('/public/demo/form');
    expect(formPagePath('/demo/anfrage')).toBe('/public/demo/form');
    expect(run('/verbund/anfragen')).toBe('/verbund/anfragen');
    expect(formPagePath('/Demo/anfrage')).toBeUndefined();
    expect(run('/Demo/anfrage')).toBe('/Demo/anfrage');
  });

  it('synthesizes with no unacknowledged cdk-nag finding', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    synth(app);
    let findings = '';
    try {
      app.synth();
    } catch (err) {
      findings = String(err);
    }
    expect(findings).toBe('');
    expect(Stack.isStack(app.node.findChild('Console'))).toBe(true);
  });
});
