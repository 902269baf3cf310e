import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * Cognito: users carry `custom:networkId`, `custom:role` and `custom:partnerId`. Only an
 * administrator (the operator, with the AWS CLI) sets them: the app client may read but not write
 * them, so nobody can promote themselves. API Gateway verifies the ID token (JWT authorizer).
 */
export class AppAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;

  /** Cognito managed login (`https://<prefix>.auth.<region>.amazoncognito.com`), when a prefix is given. */
  readonly loginDomain?: string;

  constructor(
    scope: Construct,
    id: string,
    props: { retain: boolean; consoleUrl?: string; domainPrefix?: string },
  ) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: {
        networkId: new StringAttribute({ mutable: true, maxLen: 64 }),
        role: new StringAttribute({ mutable: true, maxLen: 16 }),
        partnerId: new StringAttribute({ mutable: true, maxLen: 64 }),
      },
      passwordPolicy: { minLength: 12, requireUppercase: true, requireDigits: true, requireSymbols: true },
      // coordinators (and anyone else) can add an authenticator app; SMS costs per message
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG8',
      reason:
        'the Plus feature plan costs per active user; networks pay only for what they use (docs/costs.md)',
    });
    const standard = { email: true, fullname: true, phoneNumber: true };
    this.client = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      // the console signs in with the authorization code flow and PKCE; never tokens in the URL
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        // from the `consoleUrl` context: where the console receives the code (web/src/auth.ts)
        ...(props.consoleUrl
          ? {
              callbackUrls: [`${props.consoleUrl.replace(/\/$/, '')}/login/callback`],
              logoutUrls: [`${props.consoleUrl.replace(/\/$/, '')}/login`],
            }
          : {}),
      },
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ ...standard, emailVerified: true })
        .withCustomAttributes('networkId', 'role', 'partnerId'),
      writeAttributes: new ClientAttributes().withStandardAttributes(standard),
    });
    if (props.domainPrefix) {
      const domain = this.userPool.addDomain('Login', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
      });
      this.loginDomain = domain.baseUrl();
    }
    this.authorizer = new HttpUserPoolAuthorizer('Jwt', this.userPool, { userPoolClients: [this.client] });
  }
}
