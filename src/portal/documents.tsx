import type { Context } from 'hono';
import type { Caller } from '../auth';
import { type ApplicationDocuments, listDocuments } from '../documents';
import type { Locale } from '../i18n';
import { formatDateTime } from '../i18n';
import { type Plan, localizePlan } from '../rules';
import type { FieldError } from '../errors';
import type { PortalEnv } from './env';
import { DataTable, Field } from './layout';

/*
 * What every application page shows of its documents (docs/documents.md): the checklist of the
 * papers the rules require (there, missing, or not needed yet), and each uploaded document, opened
 * through GET /v1/documents/{id}, which a signed-in browser may GET.
 */

interface DocumentTexts {
  checklist: string;
  enforced: string;
  advisory: string;
  document: string;
  rule: string;
  state: string;
  provided: string;
  missing: string;
  later: string;
  uploaded: string;
  none: string;
  type: string;
  file: string;
  sha256: string;
  when: string;
  current: string;
  superseded: string;
  withdrawn: string;
  fileHint: (megabytes: number) => string;
}

const DOCUMENT_TEXTS: Record<Locale, DocumentTexts> = {
  en: {
    checklist: 'Documents the rules require',
    enforced: 'This programme refuses a step while its documents are missing.',
    advisory: 'This programme refuses no step for a missing document: this list is a guide.',
    document: 'Document',
    rule: 'Rule',
    state: 'State',
    provided: 'provided',
    missing: 'missing',
    later: 'not needed yet',
    uploaded: 'Uploaded documents',
    none: 'No document has been uploaded yet.',
    type: 'Type',
    file: 'File',
    sha256: 'SHA-256',
    when: 'Uploaded',
    current: 'current',
    superseded: 'replaced by a newer version',
    withdrawn: 'withdrawn',
    fileHint: (megabytes) => `A PDF, PNG or JPEG file of at most ${megabytes} MB for each document.`,
  },
  'es-MX': {
    checklist: 'Documentos que piden las reglas',
    enforced: 'Este programa no permite una etapa mientras falten sus documentos.',
    advisory: 'Este programa no rechaza ninguna etapa por un documento faltante: esta lista es una guía.',
    document: 'Documento',
    rule: 'Regla',
    state: 'Estado',
    provided: 'entregado',
    missing: 'falta',
    later: 'aún no se necesita',
    uploaded: 'Documentos cargados',
    none: 'Aún no se ha cargado ningún documento.',
    type: 'Tipo',
    file: 'Archivo',
    sha256: 'SHA-256',
    when: 'Cargado',
    current: 'vigente',
    superseded: 'reemplazado por una versión más reciente',
    withdrawn: 'retirado',
    fileHint: (megabytes) => `Un archivo PDF, PNG o JPEG de ${megabytes} MB como máximo por documento.`,
  },
  'fr-MA': {
    checklist: 'Pièces exigées par les règles',
    enforced: 'Ce programme refuse une étape tant que ses pièces manquent.',
    advisory: 'Ce programme ne refuse aucune étape pour une pièce manquante\u00a0: cette liste est indicative.',
    document: 'Pièce',
    rule: 'Règle',
    state: 'État',
    provided: 'fournie',
    missing: 'manquante',
    later: 'pas encore nécessaire',
    uploaded: 'Pièces déposées',
    none: 'Aucune pièce n’a encore été déposée.',
    type: 'Type',
    file: 'Fichier',
    sha256: 'SHA-256',
    when: 'Déposée',
    current: 'en vigueur',
    superseded: 'remplacée par une version plus récente',
    withdrawn: 'retirée',
    fileHint: (megabytes) => `Un fichier PDF, PNG ou JPEG de ${megabytes}\u00a0Mo au plus par pièce.`,
  },
};

/** The application's documents and checklist, as the caller may see them (the same 404 as /v1 otherwise). */
export const documentsOf = (c: Context<PortalEnv>, caller: Caller, applicationId: string) =>
  listDocuments(c.var.db, caller, applicationId);

/** The checklist and the uploaded documents, each a link that opens it. */
export function DocumentsSection(props: { c: Context<PortalEnv>; plan: Plan; documents: ApplicationDocuments }) {
  const { c, plan, documents } = props;
  const locale = c.var.locale;
  const t = DOCUMENT_TEXTS[locale];
  // The checklist is in plan order, as the plan's localized sentences are.
  const says = localizePlan(plan, locale).documents;
  return (
    <section aria-labelledby="documents-checklist">
      <h2 id="documents-checklist">{t.checklist}</h2>
      {documents.required.length > 0 ? (
        <>
          <p>{documents.enforced ? t.enforced : t.advisory}</p>
          <DataTable caption={t.checklist} columns={[t.document, t.rule, t.state]}>
            {documents.required.map((item, index) => (
              <tr class={item.missing ? 'missing' : undefined}>
                <td>{says[index] ?? item.says}</td>
                <td>{item.rule}</td>
                <td>
                  {item.missing ? <strong>{t.missing}</strong> : item.documentIds.length > 0 ? t.provided : t.later}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      <h3>{t.uploaded}</h3>
      {documents.items.length === 0 ? <p>{t.none}</p> : null}
      {documents.items.length > 0 ? (
        <DataTable caption={t.uploaded} columns={[t.type, t.file, t.sha256, t.when, t.state]}>
          {documents.items.map((document) => (
            <tr>
              <td>{document.type}</td>
              <td>
                <a href={`/v1/documents/${document.id}`}>{document.fileName}</a>
              </td>
              <td>
                <code>{document.sha256}</code>
              </td>
              <td>{formatDateTime(document.createdAt, locale)}</td>
              <td>{document.withdrawal ? t.withdrawn : document.supersededById ? t.superseded : t.current}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

/** A tranche's evidence: a stored document opens; older evidence shows as it was sent (name, hash, link). */
export function EvidenceList(props: { evidence: Record<string, unknown>[] }) {
  return (
    <ul>
      {props.evidence.map((item) =>
        typeof item.documentId === 'string' ? (
          <li>
            <a href={`/v1/documents/${item.documentId}`}>{String(item.fileName)}</a> ({String(item.type)}, SHA-256{' '}
            <code>{String(item.sha256)}</code>)
          </li>
        ) : (
          <li>
            {String(item.name)}
            {typeof item.sha256 === 'string' ? (
              <>
                {' '}
                (SHA-256 <code>{item.sha256}</code>)
              </>
            ) : null}
            {typeof item.uri === 'string' ? <> — {item.uri}</> : null}
          </li>
        ),
      )}
    </ul>
  );
}

/** A paper a form asks for: its document type (the file input's name), its rule and its sentence. */
export interface AskedPaper {
  type: string;
  rule: string;
  text: string;
}

/** What a file input takes: the formats the store accepts (src/documents/formats.ts). */
export const ACCEPTED_FILES = 'application/pdf,image/png,image/jpeg';

/**
 * A file input for each paper the step needs, labelled with the rule's sentence in the reader's
 * language and its rule id; a missing or refused paper shows its error beside its field. The inputs
 * come last in their form: the fields before them are read before any file (src/portal/uploads.ts).
 */
export function PaperFields(props: {
  c: Context<PortalEnv>;
  legend: string;
  papers: readonly AskedPaper[];
  errors: readonly FieldError[];
  required: boolean;
}) {
  const { c } = props;
  if (props.papers.length === 0) return null;
  const t = DOCUMENT_TEXTS[c.var.locale];
  const megabytes = Math.floor(c.var.guards.limits.documentBytes / (1024 * 1024));
  return (
    <fieldset class="papers">
      <legend>{props.legend}</legend>
      <p class="hint">{t.fileHint(megabytes)}</p>
      {props.papers.map((paper) => (
        <Field
          name={paper.type}
          label={`${paper.text.charAt(0).toLocaleUpperCase(c.var.locale)}${paper.text.slice(1)} (${paper.rule})`}
          type="file"
          errors={props.errors}
          required={props.required}
          attributes={{ accept: ACCEPTED_FILES }}
        />
      ))}
    </fieldset>
  );
}
