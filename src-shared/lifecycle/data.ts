/**
 * The job and drive life cycles of seed `002_…` ("Retrieving state information for an Import/Export
 * job"), in English and Dutch. Every meaning, transition and error case below is one of the seed's
 * table rows or paragraphs, restated in plain words; "what happens next" adds which `waie` command helps
 * where logs are involved (seed 000: the logs exist once a drive's processing is finished).
 * Pure, frozen data (src-shared).
 */
import type { DriveLifecycleState, JobLifecycleState, Lifecycle, LifecycleErrorCase, LifecycleStateInfo, LifecycleTransition, Localized } from './types.ts';

const t = (en: string, nl: string): Localized => Object.freeze({ en, nl });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}

/** Job states in diagram order (seed 002, "Taakstatussen", then Faulted from "Fout statussen"). */
export const JOB_STATES: readonly JobLifecycleState[] = Object.freeze(['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Completed', 'Closed', 'Faulted'] as const);

/** Drive states in diagram order (seed 002, "Station statussen", then Faulted). */
export const DRIVE_STATES: readonly DriveLifecycleState[] = Object.freeze(['Specified', 'NeverReceived', 'Received', 'Transferring', 'Completed', 'CompletedMoreInfo', 'ShippedBack', 'Faulted'] as const);

const FAULTED_MEANING = (what: 'job' | 'drive'): Localized =>
  what === 'job'
    ? t(
        'The job did not move through its life cycle as expected, so the service put it in Faulted. The Import/Export operations team contacts you by e-mail or phone.',
        'De taak doorliep haar levenscyclus niet zoals verwacht, dus zette de service haar op Faulted. Het operationele team van Import/Export neemt per e-mail of telefoon contact met u op.',
      )
    : t(
        'The drive did not move through its life cycle as expected, so the service put it in Faulted. The Import/Export operations team contacts you by e-mail or phone.',
        'De schijf doorliep haar levenscyclus niet zoals verwacht, dus zette de service haar op Faulted. Het operationele team van Import/Export neemt per e-mail of telefoon contact met u op.',
      );

const FAULTED_NEXT = t(
  'Answer the operations team. Once the problem is solved, it is moved out of Faulted to the state it belongs in, and continues from there.',
  'Reageer op het operationele team. Zodra het probleem is opgelost, gaat het van Faulted naar de status waar het hoort en gaat het vanaf daar verder.',
);

const LOGS_NEXT_EN = 'Download the copy logs with `waie Logs` and read them with `waie Review`; repair with `waie RepairExport` (export) or `waie RepairImport` (import).';
const LOGS_NEXT_NL = 'Download de kopieerlogs met `waie Logs` en lees ze met `waie Review`; herstel met `waie RepairExport` (export) of `waie RepairImport` (import).';

const jobStates: LifecycleStateInfo<JobLifecycleState>[] = [
  {
    state: 'Creating',
    meaning: t(
      'The job was created (Put Job). While it is in Creating, the service assumes the drives have not been shipped to the datacenter yet. A job stays in Creating for at most two weeks; then the service deletes it. Updating the job (Update Job Properties) keeps it in Creating and starts the two weeks again.',
      'De taak is aangemaakt (Put Job). Zolang ze op Creating staat, gaat de service ervan uit dat de schijven nog niet naar het datacenter zijn verzonden. Een taak blijft hoogstens twee weken op Creating; daarna verwijdert de service haar. Een update van de taak (Update Job Properties) houdt haar op Creating en laat de twee weken opnieuw beginnen.',
    ),
    next: t(
      'Ship the package, then set the job to Shipping (Update Job Properties). That is only possible once the delivery package (carrier and tracking number) and the return address are filled in.',
      'Verzend het pakket en zet de taak daarna op Shipping (Update Job Properties). Dat kan pas als het verzendpakket (vervoerder en trackingnummer) en het retouradres zijn ingevuld.',
    ),
    terminal: false,
    maxDays: 14,
  },
  {
    state: 'Shipping',
    meaning: t(
      'You have shipped the package and set the job to Shipping. The job stays in Shipping for up to two weeks; if the drives have not arrived by then, the Import/Export operators are alerted.',
      'U hebt het pakket verzonden en de taak op Shipping gezet. De taak blijft tot twee weken op Shipping; zijn de schijven dan nog niet aangekomen, dan krijgen de operators van Import/Export een melding.',
    ),
    next: t(
      'When all drives have arrived at the datacenter, the job becomes Received.',
      'Zodra alle schijven in het datacenter zijn aangekomen, wordt de taak Received.',
    ),
    terminal: false,
    maxDays: 14,
  },
  {
    state: 'Received',
    meaning: t('All drives have been received at the datacenter.', 'Alle schijven zijn in het datacenter ontvangen.'),
    next: t(
      'When processing of at least one drive starts, the job becomes Transferring.',
      'Zodra de verwerking van ten minste één schijf begint, wordt de taak Transferring.',
    ),
    terminal: false,
  },
  {
    state: 'Transferring',
    meaning: t(
      'The drives were received and processing of at least one drive has started. Each drive has its own state (see the drive life cycle).',
      'De schijven zijn ontvangen en de verwerking van ten minste één schijf is begonnen. Elke schijf heeft haar eigen status (zie de levenscyclus van de schijf).',
    ),
    next: t(
      'When every drive has been processed, the job becomes Packaging. The logs of a drive are in the storage account as soon as that drive is processed.',
      'Als elke schijf is verwerkt, wordt de taak Packaging. De logs van een schijf staan in het opslagaccount zodra die schijf is verwerkt.',
    ),
    terminal: false,
  },
  {
    state: 'Packaging',
    meaning: t(
      'Every drive has been processed; the job stays in Packaging until the drives are shipped back to you.',
      'Elke schijf is verwerkt; de taak blijft op Packaging tot de schijven naar u zijn teruggestuurd.',
    ),
    next: t(
      `When all drives have been shipped back, the job becomes Completed (no errors) or Closed (errors). The copy logs are already available: ${LOGS_NEXT_EN}`,
      `Als alle schijven zijn teruggestuurd, wordt de taak Completed (geen fouten) of Closed (fouten). De kopieerlogs zijn er al: ${LOGS_NEXT_NL}`,
    ),
    terminal: false,
  },
  {
    state: 'Completed',
    meaning: t(
      'All drives have been shipped back and the job finished without errors. The service deletes the job automatically after 90 days in Completed.',
      'Alle schijven zijn teruggestuurd en de taak is zonder fouten voltooid. De service verwijdert de taak automatisch na 90 dagen op Completed.',
    ),
    next: t(
      'Nothing more happens. Keep the logs (and, for an export, check the drive when it arrives) before the job is deleted after 90 days.',
      'Er gebeurt niets meer. Bewaar de logs (en controleer bij een export de schijf als ze aankomt) voordat de taak na 90 dagen wordt verwijderd.',
    ),
    terminal: true,
    deletedAfterDays: 90,
  },
  {
    state: 'Closed',
    meaning: t(
      'All drives have been shipped back and there were errors while the job was processed. The service deletes the job automatically after 90 days in Closed.',
      'Alle schijven zijn teruggestuurd en bij de verwerking van de taak zijn fouten opgetreden. De service verwijdert de taak automatisch na 90 dagen op Closed.',
    ),
    next: t(`Find out what failed before the job is deleted after 90 days. ${LOGS_NEXT_EN}`, `Zoek uit wat er misging voordat de taak na 90 dagen wordt verwijderd. ${LOGS_NEXT_NL}`),
    terminal: true,
    deletedAfterDays: 90,
  },
  { state: 'Faulted', meaning: FAULTED_MEANING('job'), next: FAULTED_NEXT, terminal: false },
];

const jobTransitions: LifecycleTransition<JobLifecycleState>[] = [
  {
    from: 'Creating',
    to: 'Shipping',
    by: 'customer',
    kind: 'normal',
    when: t('you set it after shipping the package (delivery package and return address filled in)', 'u zet dit na verzending van het pakket (verzendpakket en retouradres ingevuld)'),
  },
  { from: 'Shipping', to: 'Received', by: 'service', kind: 'normal', when: t('all drives have arrived at the datacenter', 'alle schijven zijn in het datacenter aangekomen') },
  {
    from: 'Shipping',
    to: 'Closed',
    by: 'operations',
    kind: 'exception',
    when: t('the package did not arrive and you could not be reached or did not answer within 30 days', 'het pakket kwam niet aan en u was niet bereikbaar of reageerde niet binnen 30 dagen'),
  },
  { from: 'Received', to: 'Transferring', by: 'service', kind: 'normal', when: t('processing of the first drive starts', 'de verwerking van de eerste schijf begint') },
  { from: 'Transferring', to: 'Packaging', by: 'service', kind: 'normal', when: t('every drive has been processed', 'elke schijf is verwerkt') },
  { from: 'Packaging', to: 'Completed', by: 'service', kind: 'normal', when: t('all drives shipped back, no errors', 'alle schijven teruggestuurd, geen fouten') },
  { from: 'Packaging', to: 'Closed', by: 'service', kind: 'normal', when: t('all drives shipped back, with errors', 'alle schijven teruggestuurd, met fouten') },
];

const jobErrors: LifecycleErrorCase<JobLifecycleState>[] = [
  {
    states: ['Creating'],
    alsoWithoutJob: true,
    event: t(
      'One or more drives of the job arrived, but the job is not in Shipping, or the service has no record of the job.',
      'Een of meer schijven van de taak zijn aangekomen, maar de taak staat niet op Shipping, of de service kent de taak niet.',
    ),
    resolution: t(
      'The operations team tries to contact you to create or update the job with what it needs to go on. If they cannot reach you within two weeks, they try to return the drives; if the drives cannot be returned and you cannot be reached, the drives are securely destroyed within 90 days. A job is not processed until it is set to Shipping.',
      'Het operationele team probeert contact met u op te nemen om de taak aan te maken of bij te werken met wat nodig is om verder te gaan. Lukt dat niet binnen twee weken, dan proberen ze de schijven terug te sturen; kan dat niet en bent u onbereikbaar, dan worden de schijven binnen 90 dagen veilig vernietigd. Een taak wordt pas verwerkt als ze op Shipping staat.',
    ),
  },
  {
    states: ['Shipping'],
    event: t('The package of the job has not arrived for more than two weeks.', 'Het pakket van de taak is na meer dan twee weken nog niet aangekomen.'),
    resolution: t(
      'The operations team tells you the package is missing. Depending on your answer they wait longer or cancel the job. If you cannot be reached or do not answer within 30 days, they move the job from Shipping straight to Closed.',
      'Het operationele team laat u weten dat het pakket ontbreekt. Afhankelijk van uw antwoord wachten ze langer of annuleren ze de taak. Bent u niet bereikbaar of reageert u niet binnen 30 dagen, dan zetten ze de taak van Shipping direct op Closed.',
    ),
  },
  {
    states: ['Completed', 'Closed'],
    exportOnly: true,
    event: t(
      'The drives never reached the return address, or were damaged in shipping (export jobs only).',
      'De schijven zijn nooit op het retouradres aangekomen of zijn tijdens het transport beschadigd (alleen exporttaken).',
    ),
    resolution: t(
      'If the drives did not arrive, first check in the portal (or with Get Job) that they were shipped; if so, ask the carrier to find them. If they were damaged in shipping, request another export job or download the missing blobs (`waie RepairExport` downloads what a damaged drive lacks).',
      'Zijn de schijven niet aangekomen, controleer dan eerst in de portal (of met Get Job) of ze zijn verzonden; zo ja, vraag de vervoerder ze op te sporen. Zijn ze tijdens het transport beschadigd, vraag dan een nieuwe exporttaak aan of download de ontbrekende blobs (`waie RepairExport` downloadt wat een beschadigde schijf mist).',
    ),
  },
  {
    states: ['Transferring', 'Packaging'],
    event: t('The return address of the job is wrong or missing.', 'Het retouradres van de taak is onjuist of ontbreekt.'),
    resolution: t(
      'The operations team contacts the job’s contact person for the right address. If you cannot be reached, the drives are securely destroyed within 90 days.',
      'Het operationele team neemt contact op met de contactpersoon van de taak voor het juiste adres. Bent u niet bereikbaar, dan worden de schijven binnen 90 dagen veilig vernietigd.',
    ),
  },
  {
    states: ['Creating', 'Shipping', 'Transferring'],
    event: t('The package holds a drive that is not in the job’s list of drives.', 'Het pakket bevat een schijf die niet in de lijst met schijven van de taak staat.'),
    resolution: t('The extra drive is not processed; it is returned to you when the job is finished.', 'De extra schijf wordt niet verwerkt; ze wordt naar u teruggestuurd als de taak klaar is.'),
  },
];

const driveStates: LifecycleStateInfo<DriveLifecycleState>[] = [
  {
    state: 'Specified',
    meaning: t(
      'Import jobs: the drive was listed when the job was created (Put Job), so it starts in Specified. (Export jobs name no drives when created; their drives start in Received.)',
      'Importtaken: de schijf stond in de taak toen die werd aangemaakt (Put Job), dus begint ze op Specified. (Exporttaken noemen bij het aanmaken geen schijven; hun schijven beginnen op Received.)',
    ),
    next: t(
      'When the datacenter has processed the package from the carrier, the drive becomes Received; if the package arrives without it (or not within two weeks), NeverReceived.',
      'Als het datacenter het pakket van de vervoerder heeft verwerkt, wordt de schijf Received; komt het pakket zonder de schijf aan (of niet binnen twee weken), dan NeverReceived.',
    ),
    terminal: false,
    onlyFor: 'import',
  },
  {
    state: 'NeverReceived',
    meaning: t(
      'The job’s package arrived without this drive, or two weeks have passed since the service got the shipping information and the package has not arrived.',
      'Het pakket van de taak kwam zonder deze schijf aan, of er zijn twee weken verstreken sinds de service de verzendgegevens kreeg en het pakket is nog niet aangekomen.',
    ),
    next: t('If the drive arrives in a later shipment, the operations team moves it to Received.', 'Komt de schijf in een latere zending aan, dan zet het operationele team haar op Received.'),
    terminal: false,
  },
  {
    state: 'Received',
    meaning: t(
      'Import: the operator has processed the drive received from the carrier. Export: Received is where every drive starts.',
      'Import: de operator heeft de van de vervoerder ontvangen schijf verwerkt. Export: elke schijf begint op Received.',
    ),
    next: t('When the service starts copying data between the drive and Azure Storage, the drive becomes Transferring.', 'Zodra de service gegevens tussen de schijf en Azure Storage begint te kopiëren, wordt de schijf Transferring.'),
    terminal: false,
  },
  {
    state: 'Transferring',
    meaning: t('The service has started copying data between the drive and Azure Storage.', 'De service is begonnen gegevens tussen de schijf en Azure Storage te kopiëren.'),
    next: t(
      'When the copy ends, the drive becomes Completed (no errors) or CompletedMoreInfo (problems, warnings or notes); its logs are then in the storage account.',
      'Als het kopiëren klaar is, wordt de schijf Completed (geen fouten) of CompletedMoreInfo (problemen, waarschuwingen of meldingen); haar logs staan dan in het opslagaccount.',
    ),
    terminal: false,
  },
  {
    state: 'Completed',
    meaning: t('The service copied all data without errors.', 'De service heeft alle gegevens zonder fouten gekopieerd.'),
    next: t('The drive is shipped back to you and becomes ShippedBack.', 'De schijf wordt naar u teruggestuurd en wordt ShippedBack.'),
    terminal: false,
  },
  {
    state: 'CompletedMoreInfo',
    meaning: t(
      'The service ran into problems while copying data from or to the drive: errors, warnings, or notes about blobs that were overwritten.',
      'De service liep tegen problemen aan bij het kopiëren van of naar de schijf: fouten, waarschuwingen of meldingen over overschreven blobs.',
    ),
    next: t(`The drive is shipped back and becomes ShippedBack. Meanwhile: ${LOGS_NEXT_EN}`, `De schijf wordt teruggestuurd en wordt ShippedBack. Intussen: ${LOGS_NEXT_NL}`),
    terminal: false,
  },
  {
    state: 'ShippedBack',
    meaning: t('The drive has been shipped from the datacenter to the return address.', 'De schijf is vanuit het datacenter naar het retouradres verzonden.'),
    next: t(
      'Nothing more happens to the drive. For an export, check it when it arrives: `waie RepairExport` with the copy log (and the manifest) repairs what failed.',
      'Er gebeurt niets meer met de schijf. Controleer haar bij een export als ze aankomt: `waie RepairExport` met het kopieerlog (en het manifest) herstelt wat mislukte.',
    ),
    terminal: true,
  },
  { state: 'Faulted', meaning: FAULTED_MEANING('drive'), next: FAULTED_NEXT, terminal: false },
];

const driveTransitions: LifecycleTransition<DriveLifecycleState>[] = [
  { from: 'Specified', to: 'Received', by: 'operations', kind: 'normal', when: t('the package from the carrier has been processed', 'het pakket van de vervoerder is verwerkt') },
  {
    from: 'Specified',
    to: 'NeverReceived',
    by: 'service',
    kind: 'exception',
    when: t('the package arrived without the drive, or did not arrive within two weeks', 'het pakket kwam zonder de schijf aan, of kwam niet binnen twee weken aan'),
  },
  { from: 'NeverReceived', to: 'Received', by: 'operations', kind: 'exception', when: t('the drive arrives in another shipment', 'de schijf komt in een andere zending aan') },
  { from: 'Received', to: 'Transferring', by: 'service', kind: 'normal', when: t('copying starts', 'het kopiëren begint') },
  { from: 'Transferring', to: 'Completed', by: 'service', kind: 'normal', when: t('copied without errors', 'zonder fouten gekopieerd') },
  { from: 'Transferring', to: 'CompletedMoreInfo', by: 'service', kind: 'normal', when: t('copied with problems, warnings or notes', 'gekopieerd met problemen, waarschuwingen of meldingen') },
  { from: 'Completed', to: 'ShippedBack', by: 'service', kind: 'normal', when: t('shipped to the return address', 'naar het retouradres verzonden') },
  { from: 'CompletedMoreInfo', to: 'ShippedBack', by: 'service', kind: 'normal', when: t('shipped to the return address', 'naar het retouradres verzonden') },
];

const driveErrors: LifecycleErrorCase<DriveLifecycleState>[] = [
  {
    states: ['NeverReceived'],
    event: t(
      'A drive marked NeverReceived (it was not in the job’s shipment) arrives in another shipment.',
      'Een schijf die op NeverReceived staat (ze zat niet in de zending van de taak) komt in een andere zending aan.',
    ),
    resolution: t('The operations team moves the drive to Received.', 'Het operationele team zet de schijf op Received.'),
  },
  {
    states: [],
    event: t('A drive that belongs to no job arrives at the datacenter with another job’s package.', 'Een schijf die bij geen enkele taak hoort, komt met het pakket van een andere taak in het datacenter aan.'),
    resolution: t(
      'The drive is marked as an extra drive and returned to you when the job of the original package is finished.',
      'De schijf wordt als extra schijf gemarkeerd en naar u teruggestuurd als de taak van het oorspronkelijke pakket klaar is.',
    ),
  },
];

/**
 * The job life cycle (seed 002): states in diagram order, transitions (Faulted is reachable from every
 * state and leads back to the right one, see `notes`), the five rows of the job error table, and the
 * notes on cancelled jobs and Faulted. Frozen.
 */
export const JOB_LIFECYCLE: Lifecycle<JobLifecycleState> = deepFreeze({
  kind: 'job',
  states: jobStates,
  transitions: jobTransitions,
  errorCases: jobErrors,
  initial: ['Creating'],
  notes: [
    t(
      'Any state can become Faulted when the job does not progress as expected; once the problem is solved it goes back to the state it belongs in.',
      'Elke status kan Faulted worden als de taak niet verloopt zoals verwacht; zodra het probleem is opgelost, gaat ze terug naar de status waar ze hoort.',
    ),
    t(
      'A job can be cancelled only in certain states. A cancelled job skips the data copy but otherwise goes through the same states.',
      'Een taak kan alleen in bepaalde statussen worden geannuleerd. Een geannuleerde taak slaat het kopiëren van gegevens over, maar doorloopt verder dezelfde statussen.',
    ),
  ],
} satisfies Lifecycle<JobLifecycleState>);

/**
 * The drive life cycle (seed 002): `Specified` (import) or `Received` (export) first, transitions, the
 * two rows of the drive error table, and the Faulted note. Frozen.
 */
export const DRIVE_LIFECYCLE: Lifecycle<DriveLifecycleState> = deepFreeze({
  kind: 'drive',
  states: driveStates,
  transitions: driveTransitions,
  errorCases: driveErrors,
  initial: ['Specified', 'Received'],
  notes: [
    t(
      'Any state can become Faulted when the drive does not progress as expected; once the problem is solved it goes back to the state it belongs in.',
      'Elke status kan Faulted worden als de schijf niet verloopt zoals verwacht; zodra het probleem is opgelost, gaat ze terug naar de status waar ze hoort.',
    ),
  ],
} satisfies Lifecycle<DriveLifecycleState>);
