import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a TransactWriteItems call; stores build these so callers can combine them. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
