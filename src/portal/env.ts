import type { AppEnv } from '../api/context';
import type { MultipartPart } from '../documents';
import type { Locale } from '../i18n';
import type { ActiveSession } from '../people/service';
import type { Texts } from './texts';

export interface PortalEnv {
  Variables: AppEnv['Variables'] & {
    /** The signed-in person, if any. */
    person: ActiveSession | undefined;
    locale: Locale;
    texts: Texts;
    /** The token this browser's forms must carry: the session's, or before sign-in a cookie's. */
    csrf: string;
    /** The form fields of a POST, read once by the CSRF check (of a multipart form: those before its first file). */
    form: Record<string, string>;
    /** A multipart form's parts from its first file on, not yet read: src/portal/uploads.ts reads them. */
    formParts: AsyncIterable<MultipartPart> | undefined;
  };
}
