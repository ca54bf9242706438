import type { AccountType } from '../ledger/types';
import type { BankReconciliationStatus, DecisionOutcome, DocumentKind, StatementLocale, StepDocument } from './model';

/** Every word a document prints, per locale. Amounts and dates are formatted in format.ts. */
export interface Labels {
  documentKind: Record<DocumentKind, string>;
  subject: Record<DocumentKind, string>;
  accountType: Record<AccountType, string>;
  owner: string;
  period: string;
  /** The half-open period; `zone` is the IANA zone its times are given in. */
  periodRange(from: string, to: string, zone: string): string;
  asOf: string;
  /** `keyPrefix` is empty for the platform administrator's token. */
  generated(at: string, organisation: string, role: string, keyPrefix: string): string;
  page(number: number, count: number): string;
  continued: string;
  openingBalance: string;
  closingBalance: string;
  periodTotals: string;
  noMovements: string;
  notReconciled(computed: string, ledger: string): string;
  balanceMismatch(entryId: string): string;
  columns: {
    booked: string;
    valueDate: string;
    reference: string;
    kind: string;
    memo: string;
    counterAccounts: string;
    debit: string;
    credit: string;
    balance: string;
    account: string;
    name: string;
    type: string;
  };
  partyTotals: string;
  party: string;
  organisation: string;
  committed: string;
  paid: string;
  disbursed: string;
  refunded: string;
  bank: {
    heading: string;
    account: string;
    bankAccount: string;
    state: string;
    status: Record<BankReconciliationStatus['status'], string>;
    books: string;
    bank: string;
    difference: string;
    open: string;
    oldest: string;
    none: string;
  };
  /** The stored documents behind the project's steps (application statements, decision letters). */
  documents: {
    heading: string;
    step: string;
    steps: Record<StepDocument['step'], string>;
    /** The step of a tranche's papers, with the tranche's number (1 for the first). */
    tranche(number: number): string;
    type: string;
    rule: string;
    file: string;
    uploaded: string;
    sha256: string;
    none: string;
  };
  chainHeading: string;
  chainOk(entries: number): string;
  chainBroken(firstBadEntry: string): string;
  /** The seals recompute but the ledger is not sound: entries outside the chain, balances that differ from postings. */
  chainInconsistent(unaccounted: number, accounts: readonly string[]): string;
  chainUnsealed(count: number): string;
  chainLastEntry(entryId: string, sealSeq: string): string;
  chainNoSeal: string;
  chainFooterOk(sealSeq: string, hashPrefix: string): string;
  chainFooterBroken: string;
  trialBalanceTotals: string;
  trialBalanceUnbalanced(debit: string, credit: string): string;
  letter: {
    application: string;
    applicant: string;
    programme: string;
    filed: string;
    totalCost: string;
    decision: string;
    outcome: Record<DecisionOutcome, string>;
    decidedOn(date: string): string;
    plan: string;
    ruleSet(id: string, version: string, hash: string): string;
    amount: string;
    percent: string;
    capped: string;
    yes: string;
    unallocated: string;
    tranches: string;
    milestone: string;
    requiredApprovals: string;
    approvals: string;
    noApprovals: string;
    date: string;
    comment: string;
    approved: string;
    rejected: string;
    trace: string;
    rule: string;
    says: string;
  };
}

const en: Labels = {
  documentKind: {
    account: 'Account statement',
    application: 'Project statement',
    programme: 'Programme statement',
    'trial-balance': 'Trial balance',
    'decision-letter': 'Decision letter',
  },
  subject: {
    account: 'Account',
    application: 'Project',
    programme: 'Programme',
    'trial-balance': 'Programme',
    'decision-letter': 'Application',
  },
  accountType: { asset: 'asset', liability: 'liability', equity: 'equity', income: 'income', expense: 'expense' },
  owner: 'Owner',
  period: 'Period',
  periodRange: (from, to, zone) => `from ${from} to ${to} (${zone}, end excluded)`,
  asOf: 'As of',
  generated: (at, organisation, role, keyPrefix) =>
    `Generated ${at} by ${organisation} (${keyPrefix ? `${role}, key ${keyPrefix}…` : role})`,
  page: (number, count) => `Page ${number} of ${count}`,
  continued: '(continued)',
  openingBalance: 'Opening balance',
  closingBalance: 'Closing balance',
  periodTotals: 'Totals for the period',
  noMovements: 'No movements in this period.',
  notReconciled: (computed, ledger) =>
    `BALANCES DO NOT RECONCILE: opening balance + movements = ${computed}, ledger closing balance = ${ledger}.`,
  balanceMismatch: (entryId) => `RUNNING BALANCE DIFFERS FROM THE LEDGER from entry ${entryId} on.`,
  columns: {
    booked: 'Booked',
    valueDate: 'Value date',
    reference: 'Entry',
    kind: 'Kind',
    memo: 'Memo',
    counterAccounts: 'Counter-account',
    debit: 'Debit',
    credit: 'Credit',
    balance: 'Balance',
    account: 'Account',
    name: 'Name',
    type: 'Type',
  },
  partyTotals: 'Totals per party',
  party: 'Party',
  organisation: 'Organisation',
  committed: 'Committed',
  paid: 'Paid in',
  disbursed: 'Disbursed',
  refunded: 'Refunded',
  bank: {
    heading: 'Bank reconciliation at the end of the period',
    account: 'Account',
    bankAccount: 'Bank account',
    state: 'Status',
    status: { reconciled: 'reconciled', unreconciled: 'NOT RECONCILED', 'no-statement': 'no bank statement' },
    books: 'Books',
    bank: 'Bank',
    difference: 'Difference',
    open: 'Open (bank / books)',
    oldest: 'Oldest (days)',
    none: 'No bank account is registered for this programme.',
  },
  documents: {
    heading: 'Documents behind each step',
    step: 'Step',
    steps: { filing: 'filing', approval: 'approval', tranche: 'tranche', close: 'closing', other: 'other' },
    tranche: (number) => `tranche ${number}`,
    type: 'Type',
    rule: 'Rule',
    file: 'File',
    uploaded: 'Uploaded',
    sha256: 'SHA-256',
    none: 'No document is stored for this project.',
  },
  chainHeading: 'Ledger integrity (hash chain)',
  chainOk: (entries) => `Hash chain verified: ${entries} entries checked, no alteration found.`,
  chainBroken: (entry) =>
    `HASH CHAIN BROKEN at entry ${entry}: the ledger has been altered. The figures of this document cannot be trusted.`,
  chainInconsistent: (unaccounted, accounts) =>
    `LEDGER INCONSISTENT: ${unaccounted} entries outside the hash chain` +
    (accounts.length > 0 ? `; balances differ from their postings on ${accounts.join(', ')}` : '') +
    '. The figures of this document cannot be trusted.',
  chainUnsealed: (count) => `${count} recent entries not sealed yet: not covered by the fingerprint below.`,
  chainLastEntry: (entryId, sealSeq) => `Last sealed entry covered: ${entryId}, seal no. ${sealSeq}, SHA-256:`,
  chainNoSeal: 'No sealed entry yet: this document carries no fingerprint.',
  chainFooterOk: (sealSeq, hashPrefix) => `Chain verified, seal ${sealSeq} ${hashPrefix}…`,
  chainFooterBroken: 'HASH CHAIN BROKEN',
  trialBalanceTotals: 'Grand totals',
  trialBalanceUnbalanced: (debit, credit) => `NOT BALANCED: debits ${debit} differ from credits ${credit}.`,
  letter: {
    application: 'Application',
    applicant: 'Applicant',
    programme: 'Programme',
    filed: 'Filed',
    totalCost: 'Total cost',
    decision: 'Decision',
    outcome: { approved: 'APPROVED', rejected: 'REJECTED', pending: 'PENDING' },
    decidedOn: (date) => `on ${date}`,
    plan: 'Co-funding plan',
    ruleSet: (id, version, hash) => `Rule set ${id}, version ${version}, hash ${hash}`,
    amount: 'Amount',
    percent: 'Share',
    capped: 'Capped',
    yes: 'yes',
    unallocated: 'Unallocated (to be allocated by hand)',
    tranches: 'Tranches',
    milestone: 'Milestone',
    requiredApprovals: 'Required approvals',
    approvals: 'Approvals',
    noApprovals: 'No approval recorded yet.',
    date: 'Date',
    comment: 'Comment',
    approved: 'approved',
    rejected: 'rejected',
    trace: 'Rule trace',
    rule: 'Rule',
    says: 'Says',
  },
};

const esMX: Labels = {
  documentKind: {
    account: 'Estado de cuenta',
    application: 'Estado del proyecto',
    programme: 'Estado del programa',
    'trial-balance': 'Balanza de comprobación',
    'decision-letter': 'Carta de resolución',
  },
  subject: {
    account: 'Cuenta',
    application: 'Proyecto',
    programme: 'Programa',
    'trial-balance': 'Programa',
    'decision-letter': 'Solicitud',
  },
  accountType: { asset: 'activo', liability: 'pasivo', equity: 'patrimonio', income: 'ingreso', expense: 'gasto' },
  owner: 'Titular',
  period: 'Periodo',
  periodRange: (from, to, zone) => `del ${from} al ${to} (${zone}, fin excluido)`,
  asOf: 'Al',
  generated: (at, organisation, role, keyPrefix) =>
    `Generado el ${at} por ${organisation} (${keyPrefix ? `${role}, clave ${keyPrefix}…` : role})`,
  page: (number, count) => `Página ${number} de ${count}`,
  continued: '(continúa)',
  openingBalance: 'Saldo inicial',
  closingBalance: 'Saldo final',
  periodTotals: 'Totales del periodo',
  noMovements: 'Sin movimientos en el periodo.',
  notReconciled: (computed, ledger) =>
    `LOS SALDOS NO CONCILIAN: saldo inicial + movimientos = ${computed}, saldo final del libro = ${ledger}.`,
  balanceMismatch: (entryId) => `EL SALDO ACUMULADO DIFIERE DEL LIBRO a partir del asiento ${entryId}.`,
  columns: {
    booked: 'Registro',
    valueDate: 'Fecha valor',
    reference: 'Asiento',
    kind: 'Tipo',
    memo: 'Concepto',
    counterAccounts: 'Contrapartida',
    debit: 'Cargo',
    credit: 'Abono',
    balance: 'Saldo',
    account: 'Cuenta',
    name: 'Nombre',
    type: 'Tipo',
  },
  partyTotals: 'Totales por parte',
  party: 'Parte',
  organisation: 'Organización',
  committed: 'Comprometido',
  paid: 'Aportado',
  disbursed: 'Ejercido',
  refunded: 'Reintegrado',
  bank: {
    heading: 'Conciliación bancaria al cierre del periodo',
    account: 'Cuenta',
    bankAccount: 'Cuenta bancaria',
    state: 'Estado',
    status: { reconciled: 'conciliada', unreconciled: 'NO CONCILIADA', 'no-statement': 'sin estado bancario' },
    books: 'Libros',
    bank: 'Banco',
    difference: 'Diferencia',
    open: 'Pendientes (banco / libros)',
    oldest: 'Más antigua (días)',
    none: 'Este programa no tiene cuentas bancarias registradas.',
  },
  documents: {
    heading: 'Documentos de cada etapa',
    step: 'Etapa',
    steps: {
      filing: 'solicitud',
      approval: 'aprobación',
      tranche: 'ministración',
      close: 'cierre',
      other: 'otro',
    },
    tranche: (number) => `ministración ${number}`,
    type: 'Tipo',
    rule: 'Regla',
    file: 'Archivo',
    uploaded: 'Cargado',
    sha256: 'SHA-256',
    none: 'No hay documentos cargados para este proyecto.',
  },
  chainHeading: 'Integridad del libro (cadena de huellas)',
  chainOk: (entries) => `Cadena de huellas verificada: ${entries} asientos comprobados, sin alteraciones.`,
  chainBroken: (entry) =>
    `CADENA DE HUELLAS ROTA en el asiento ${entry}: el libro fue alterado. ` +
    'Las cifras de este documento no son confiables.',
  chainInconsistent: (unaccounted, accounts) =>
    `LIBRO INCONSISTENTE: ${unaccounted} asientos fuera de la cadena de huellas` +
    (accounts.length > 0 ? `; los saldos difieren de sus movimientos en ${accounts.join(', ')}` : '') +
    '. Las cifras de este documento no son confiables.',
  chainUnsealed: (count) => `${count} asientos recientes aún sin sellar: no están cubiertos por la huella siguiente.`,
  chainLastEntry: (entryId, sealSeq) => `Último asiento sellado incluido: ${entryId}, sello n.º ${sealSeq}, SHA-256:`,
  chainNoSeal: 'Aún no hay asientos sellados: este documento no lleva huella.',
  chainFooterOk: (sealSeq, hashPrefix) => `Cadena verificada, sello ${sealSeq} ${hashPrefix}…`,
  chainFooterBroken: 'CADENA DE HUELLAS ROTA',
  trialBalanceTotals: 'Sumas totales',
  trialBalanceUnbalanced: (debit, credit) => `NO CUADRA: cargos ${debit} distintos de abonos ${credit}.`,
  letter: {
    application: 'Solicitud',
    applicant: 'Solicitante',
    programme: 'Programa',
    filed: 'Presentada',
    totalCost: 'Costo total',
    decision: 'Resolución',
    outcome: { approved: 'APROBADA', rejected: 'RECHAZADA', pending: 'PENDIENTE' },
    decidedOn: (date) => `el ${date}`,
    plan: 'Plan de cofinanciamiento',
    ruleSet: (id, version, hash) => `Reglas ${id}, versión ${version}, huella ${hash}`,
    amount: 'Monto',
    percent: 'Porcentaje',
    capped: 'Con tope',
    yes: 'sí',
    unallocated: 'Sin asignar (a asignar manualmente)',
    tranches: 'Ministraciones',
    milestone: 'Hito',
    requiredApprovals: 'Aprobaciones requeridas',
    approvals: 'Aprobaciones',
    noApprovals: 'Aún no hay aprobaciones registradas.',
    date: 'Fecha',
    comment: 'Comentario',
    approved: 'aprobó',
    rejected: 'rechazó',
    trace: 'Traza de reglas',
    rule: 'Regla',
    says: 'Dice',
  },
};

const frMA: Labels = {
  documentKind: {
    account: 'Relevé de compte',
    application: 'Relevé de projet',
    programme: 'Relevé du programme',
    'trial-balance': 'Balance de vérification',
    'decision-letter': 'Lettre de décision',
  },
  subject: {
    account: 'Compte',
    application: 'Projet',
    programme: 'Programme',
    'trial-balance': 'Programme',
    'decision-letter': 'Demande',
  },
  accountType: {
    asset: 'actif',
    liability: 'passif',
    equity: 'capitaux propres',
    income: 'produit',
    expense: 'charge',
  },
  owner: 'Titulaire',
  period: 'Période',
  periodRange: (from, to, zone) => `du ${from} au ${to} (${zone}, fin exclue)`,
  asOf: 'Au',
  generated: (at, organisation, role, keyPrefix) =>
    `Généré le ${at} par ${organisation} (${keyPrefix ? `${role}, clé ${keyPrefix}…` : role})`,
  page: (number, count) => `Page ${number} sur ${count}`,
  continued: '(suite)',
  openingBalance: "Solde d'ouverture",
  closingBalance: 'Solde de clôture',
  periodTotals: 'Totaux de la période',
  noMovements: 'Aucun mouvement sur la période.',
  notReconciled: (computed, ledger) =>
    `LES SOLDES NE CONCORDENT PAS : solde d'ouverture + mouvements = ${computed}, ` +
    `solde de clôture du grand livre = ${ledger}.`,
  balanceMismatch: (entryId) => `LE SOLDE PROGRESSIF DIFFÈRE DU GRAND LIVRE à partir de l'écriture ${entryId}.`,
  columns: {
    booked: 'Compta.',
    valueDate: 'Valeur',
    reference: 'Écriture',
    kind: 'Nature',
    memo: 'Libellé',
    counterAccounts: 'Contrepartie',
    debit: 'Débit',
    credit: 'Crédit',
    balance: 'Solde',
    account: 'Compte',
    name: 'Intitulé',
    type: 'Type',
  },
  partyTotals: 'Totaux par partie',
  party: 'Partie',
  organisation: 'Organisme',
  committed: 'Engagé',
  paid: 'Versé',
  disbursed: 'Décaissé',
  refunded: 'Remboursé',
  bank: {
    heading: 'Rapprochement bancaire en fin de période',
    account: 'Compte',
    bankAccount: 'Compte bancaire',
    state: 'État',
    status: { reconciled: 'rapproché', unreconciled: 'NON RAPPROCHÉ', 'no-statement': 'aucun relevé bancaire' },
    books: 'Livres',
    bank: 'Banque',
    difference: 'Écart',
    open: 'En suspens (banque / livres)',
    oldest: 'Plus ancien (jours)',
    none: "Aucun compte bancaire n'est enregistré pour ce programme.",
  },
  documents: {
    heading: 'Pièces de chaque étape',
    step: 'Étape',
    steps: { filing: 'dépôt', approval: 'approbation', tranche: 'tranche', close: 'clôture', other: 'autre' },
    tranche: (number) => `tranche ${number}`,
    type: 'Type',
    rule: 'Règle',
    file: 'Fichier',
    uploaded: 'Déposé',
    sha256: 'SHA-256',
    none: 'Aucune pièce n’est enregistrée pour ce projet.',
  },
  chainHeading: "Intégrité du grand livre (chaîne d'empreintes)",
  chainOk: (entries) => `Chaîne d'empreintes vérifiée : ${entries} écritures contrôlées, aucune altération.`,
  chainBroken: (entry) =>
    `CHAÎNE D'EMPREINTES ROMPUE à l'écriture ${entry} : le grand livre a été altéré. ` +
    'Les montants de ce document ne sont pas fiables.',
  chainInconsistent: (unaccounted, accounts) =>
    `GRAND LIVRE INCOHÉRENT : ${unaccounted} écritures hors de la chaîne d'empreintes` +
    (accounts.length > 0 ? ` ; soldes différents de leurs mouvements sur ${accounts.join(', ')}` : '') +
    '. Les montants de ce document ne sont pas fiables.',
  chainUnsealed: (count) =>
    `${count} écritures récentes pas encore scellées : non couvertes par l'empreinte ci-dessous.`,
  chainLastEntry: (entryId, sealSeq) =>
    `Dernière écriture scellée couverte : ${entryId}, sceau n° ${sealSeq}, SHA-256 :`,
  chainNoSeal: "Aucune écriture scellée : ce document ne porte pas d'empreinte.",
  chainFooterOk: (sealSeq, hashPrefix) => `Chaîne vérifiée, sceau ${sealSeq} ${hashPrefix}…`,
  chainFooterBroken: "CHAÎNE D'EMPREINTES ROMPUE",
  trialBalanceTotals: 'Totaux généraux',
  trialBalanceUnbalanced: (debit, credit) => `DÉSÉQUILIBRÉE : débits ${debit} différents des crédits ${credit}.`,
  letter: {
    application: 'Demande',
    applicant: 'Demandeur',
    programme: 'Programme',
    filed: 'Déposée le',
    totalCost: 'Coût total',
    decision: 'Décision',
    outcome: { approved: 'ACCORDÉE', rejected: 'REFUSÉE', pending: 'EN ATTENTE' },
    decidedOn: (date) => `le ${date}`,
    plan: 'Plan de cofinancement',
    ruleSet: (id, version, hash) => `Règles ${id}, version ${version}, empreinte ${hash}`,
    amount: 'Montant',
    percent: 'Part',
    capped: 'Plafonné',
    yes: 'oui',
    unallocated: 'Non réparti (à répartir manuellement)',
    tranches: 'Tranches',
    milestone: 'Étape',
    requiredApprovals: 'Approbations requises',
    approvals: 'Approbations',
    noApprovals: 'Aucune approbation enregistrée.',
    date: 'Date',
    comment: 'Commentaire',
    approved: 'approuvé',
    rejected: 'refusé',
    trace: 'Trace des règles',
    rule: 'Règle',
    says: 'Énoncé',
  },
};

const LABELS: Record<StatementLocale, Labels> = { en, 'es-MX': esMX, 'fr-MA': frMA };

export function labelsFor(locale: StatementLocale): Labels {
  return LABELS[locale];
}
