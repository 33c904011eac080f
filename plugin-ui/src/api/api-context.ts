import { createContext } from '@lit/context';
import type { ApiClient } from './client.js';

/** The API client built by `<m365-app-root>` from the host props. */
export const apiContext = createContext<ApiClient>(Symbol('m365-api-client'));
