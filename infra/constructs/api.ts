import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { writeEntry } from '#infra/entries';
import { type HttpFunction, type HttpFunctionName, httpFunctions } from '#infra/functions';
import { defaultThrottle, type Route } from '#infra/routes';
import { AppFunction } from './app-function';

/**
 * The HTTP API: one API Gateway route per row of infra/routes.ts, served by the few functions of
 * infra/functions.ts (one Lambda, one integration and one API-scoped invoke permission each; a route
 * adds only its route).
 */
export class AppApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions = new Map<HttpFunctionName, AppFunction>();

  constructor(
    scope: Construct,
    id: string,
    props: {
      routes: readonly Route[];
      table: ITableV2;
      authorizer: IHttpRouteAuthorizer;
      environment?: Record<string, string>;
    },
  ) {
    super(scope, id);
    this.api = new HttpApi(this, 'Http', { description: 'Verbund API', createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: defaultThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const integrations = new Map<HttpFunctionName, HttpLambdaIntegration>();
    for (const [name, needs] of Object.entries(httpFunctions) as [HttpFunctionName, HttpFunction][]) {
      const id = `${name[0]!.toUpperCase()}${name.slice(1)}Function`;
      const fn = new AppFunction(this, id, {
        entry: writeEntry(name),
        description: needs.description,
        memorySize: needs.memorySize,
        environment: props.environment,
      });
      if (needs.table !== 'none') fn.bindTable(props.table, needs.table);
      this.functions.set(name, fn);
      // one invoke permission per function for the whole API (not one per route): the router
      // answers 404 to a route key it does not serve, so a route costs only its route
      integrations.set(
        name,
        new HttpLambdaIntegration(`${id}Integration`, fn, { scopePermissionToRoute: false }),
      );
    }
    const none = new HttpNoneAuthorizer();
    const routeThrottles: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const throttledRoutes: Construct[] = [];
    for (const route of props.routes) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations.get(route.fn)!,
        authorizer: route.auth === 'jwt' ? props.authorizer : none,
      });
      const [httpRoute] = added;
      if (route.auth === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            'public by design (health, OpenAPI, the customer inquiry form); served by the public function in infra/routes.ts',
        });
      }
      if (route.throttle) {
        routeThrottles[route.route] = {
          ThrottlingRateLimit: route.throttle.rateLimit,
          ThrottlingBurstLimit: route.throttle.burstLimit,
        };
        throttledRoutes.push(...added);
      }
    }
    // route throttles live on the stage; the stage must wait for the routes it names
    const stage = this.stage.node.defaultChild as CfnStage | undefined;
    if (stage && throttledRoutes.length > 0) {
      stage.addPropertyOverride('RouteSettings', routeThrottles);
      for (const r of throttledRoutes) stage.node.addDependency(r);
    }
    new CfnOutput(this, 'Url', { value: this.stage.url });
  }
}
