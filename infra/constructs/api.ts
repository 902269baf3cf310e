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
import { type Route, routeId } from '#infra/routes';
import { AppFunction } from './app-function';

/** The HTTP API: one Lambda and one route per row of infra/routes.ts. */
export class AppApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions = new Map<string, AppFunction>();

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
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const none = new HttpNoneAuthorizer();
    const routeThrottles: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const throttledRoutes: Construct[] = [];
    for (const route of props.routes) {
      const name = routeId(route);
      const fn = new AppFunction(this, name, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment: props.environment,
      });
      if (route.access !== 'none') fn.bindTable(props.table, route.access);
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
        authorizer: route.auth === 'jwt' ? props.authorizer : none,
      });
      const [httpRoute] = added;
      if (route.auth === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            'public by design (health, OpenAPI, the customer inquiry form); marked auth: public in infra/routes.ts',
        });
      }
      this.functions.set(`${route.method} ${route.path}`, fn);
      if (route.throttle) {
        routeThrottles[`${route.method} ${route.path}`] = {
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
