/** The UI's Content-Security-Policy: one policy for the app:// protocol and the browser host. */
export { CONTENT_SECURITY_POLICY } from '../core/host/headers.ts';
