// Benchmark baseline: a bare handler doing one DynamoDB GetItem with lib-dynamodb, no framework.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const out = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: `NET#${event.pathParameters?.id}`, sk: 'NETWORK' },
    }),
  );
  return { statusCode: out.Item ? 200 : 404, body: JSON.stringify(out.Item ?? {}) };
};
