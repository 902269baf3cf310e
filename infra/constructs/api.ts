import { CfnOutput } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type Route, routeId } from '../routes';
import { AppFunction } from './app-function';

/** The HTTP API: one Lambda and one route per row of infra/routes.ts. */
export class AppApi extends Construct {
  readonly api: HttpApi;
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
    this.api = new HttpApi(this, 'Http', { description: 'Verbund API' });
    const none = new HttpNoneAuthorizer();
    for (const route of props.routes) {
      const name = routeId(route);
      const fn = new AppFunction(this, name, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment: props.environment,
      });
      if (route.access !== 'none') fn.bindTable(props.table, route.access);
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
        authorizer: route.auth === 'jwt' ? props.authorizer : none,
      });
      this.functions.set(`${route.method} ${route.path}`, fn);
    }
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint });
  }
}
