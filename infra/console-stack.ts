import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { CLOUDFRONT_REWRITE, securityHeaders } from './console';

export interface ConsoleStackProps extends StackProps {
  /** The HTTP API's host (`<apiId>.execute-api.<region>.amazonaws.com`), the `/api/*` origin. */
  apiDomain: string;
  /** The built console (web/dist); `npm run synth` builds it first when missing or stale. */
  assetDir: string;
  /** Cognito managed login for the PKCE flow (config.json); unset: the console cannot log in yet. */
  cognito?: { domain: string; clientId: string };
}

/**
 * The web console in AWS: a private bucket behind CloudFront (origin access control), `/api/*`
 * and the hosted form `/{slug}/anfrage` on the same distribution to the HTTP API (one origin: no
 * CORS), security headers on every answer (CSP without inline scripts, HSTS, no framing).
 * infra/console.ts holds the paths and headers the local dev server serves the same way.
 */
export class ConsoleStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    const bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'the bucket holds only the built console, replaced on each deploy; CloudFront sees every request',
    });
    const headers = securityHeaders({ cognitoDomain: props.cognito?.domain, hsts: true });
    const csp = headers['content-security-policy']!;
    const policy = (name: string, override: boolean) =>
      new ResponseHeadersPolicy(this, name, {
        securityHeadersBehavior: {
          // the hosted form sets its own, stricter CSP (no script at all): kept where override is off
          contentSecurityPolicy: { contentSecurityPolicy: csp, override },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          contentTypeOptions: { override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
      });
    const consoleHeaders = policy('ConsoleHeaders', true);
    const apiHeaders = policy('ApiHeaders', false);
    // extension-less paths are the single-page app's routes: index.html answers them
    const spa = new CloudFrontFunction(this, 'SpaRoutes', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (!/\\.[A-Za-z0-9]+$/.test(r.uri)) r.uri = '/index.html'; return r; }",
      ),
    });
    const rewrite = new CloudFrontFunction(this, 'ApiRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(CLOUDFRONT_REWRITE),
    });
    const api = {
      origin: new HttpOrigin(props.apiDomain),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
      functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    this.distribution = new Distribution(this, 'Console', {
      comment: 'Verbund web console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: consoleHeaders,
        functionAssociations: [{ function: spa, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { '/api/*': api, '/*/anfrage': api },
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-CFR1', reason: 'customers and firms of a network may be anywhere' },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason:
          'the API has its own route throttles and per-client limits; WAF costs a fixed monthly fee per network',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR3',
        reason: 'the HTTP API keeps access logs of every API request; the console itself is static files',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          'the default CloudFront certificate until a network brings its own domain (then TLSv1.2_2021)',
      },
    );
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      sources: [
        Source.asset(props.assetDir),
        Source.jsonData(
          'config.json',
          props.cognito ? { login: 'cognito', cognito: props.cognito } : { login: 'cognito' },
        ),
      ],
      distribution: this.distribution,
    });
    // the deployment's helper Lambda (CDK's own custom resource): copies the built console from
    // the CDK asset bucket into this one and invalidates the distribution
    // cdk-nag names an environment-agnostic stack's account and region by their pseudo parameters
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const helper = (finding: string) => ({
      id: `AwsSolutions::${finding}`,
      reason: "CDK's BucketDeployment helper: copies the console's asset into this bucket, nothing else",
    });
    Validations.of(this).acknowledge(
      helper(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ),
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) =>
        helper(`AwsSolutions-IAM5[Action::${a}]`),
      ),
      helper(
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
      ),
      helper(
        `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
      ),
      // CloudFront invalidations cannot be scoped to a resource
      helper('AwsSolutions-IAM5[Resource::*]'),
      helper('AwsSolutions-L1'),
    );
    new CfnOutput(this, 'ConsoleUrl', { value: `https://${this.distribution.distributionDomainName}` });
  }
}
