import type { AppEnv } from '../api/context';
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
    /** The form fields of a POST, read once by the CSRF check. */
    form: Record<string, string>;
  };
}
