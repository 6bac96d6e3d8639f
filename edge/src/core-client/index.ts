export {
  CORE_REQUEST_TIMEOUT_MS,
  CORE_RESPONSE_BYTES_MAX,
  type CoreClient,
  type CoreReply,
  createCoreClient,
} from './core-client';
