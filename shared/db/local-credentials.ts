import { ENV } from '#shared/env-names';

/**
 * Credentials for DynamoDB Local, which checks none. Its access key picks the database when it runs
 * without -sharedDb (the test run's does, so each test file names its own through
 * DYNAMODB_LOCAL_DATABASE); the local runtime's runs with -sharedDb, where the key does not matter.
 */
export function localCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: process.env[ENV.dynamodbLocalDatabase] || 'local', secretAccessKey: 'local' };
}
