/**
 * Nederlandse teksten van de statuscatalogus, één per `<categorie>.<code>` (zie `definitions.ts`).
 * Geschreven voor een beheerder die nog nooit een kopieerlog heeft gezien; de betekenissen komen uit seed
 * `000_…` en, voor `dataBox`, uit Microsofts pagina over de uploadlogs van Data Box Disk (formats.md §1.3).
 * Vaste termen: schijf (drive), kopieerlog (copy log), opslagaccount, accountsleutel, container-SAS,
 * herstelsleutel (BitLocker recovery key), importregel (import disposition), blok, paginabereik,
 * metagegevens, eigenschappen.
 */
import type { StatusKey } from './definitions.ts';
import type { StatusText } from './types.ts';

const HERSTEL_BEIDE =
  'Start `waie RepairExport` (exporttaak) of `waie RepairImport` (importtaak) met dit kopieerlog (`/CopyLogFile:`); alleen de mislukte delen worden opnieuw overgezet.';

/** Dutch title, explanation and next step for every `<category>.<code>` of the catalogue (checked complete by the compiler). */
export const STATUS_TEXTS_NL: Readonly<Record<StatusKey, StatusText>> = {
  // ── Schijf ───────────────────────────────────────────────────────────────
  'drive.Completed': {
    title: 'Schijf zonder fouten verwerkt',
    explanation: 'Het Azure-datacenter heeft alle bestanden op deze schijf verwerkt en geen problemen gevonden.',
    nextStep: 'Er valt niets te herstellen. Bewaar het kopieerlog bij de gegevens van de taak.',
  },
  'drive.CompletedWithWarnings': {
    title: 'Schijf verwerkt met waarschuwingen',
    explanation:
      'Alle gegevens zijn gekopieerd, maar bij sommige blobs is de gekozen importregel toegepast: er bestond al een blob met dezelfde naam, dus de blob is hernoemd, overgeslagen of vervangen.',
    nextStep:
      'Bekijk de blobs waarbij de importregel Renamed, Skipped of Overwritten meldt. Was dat de bedoeling, dan hoeft er niets hersteld te worden.',
  },
  'drive.CompletedWithErrors': {
    title: 'Schijf verwerkt met fouten',
    explanation:
      'De schijf is verwerkt, maar sommige blobs of delen ervan (blokken, paginabereiken, metagegevens of eigenschappen) zijn mislukt. Alles wat Completed heet, is in orde.',
    nextStep: HERSTEL_BEIDE,
  },
  'drive.DiskNotFound': {
    title: 'Geen schijf gevonden',
    explanation: 'Het datacenter vond geen schijf in de ontvangen behuizing, dus er is niets gekopieerd.',
    nextStep:
      'Er zijn geen gegevens om te herstellen. Neem contact op met Azure-ondersteuning en vermeld de taaknaam en de schijf-ID; waarschijnlijk moet u de schijf opnieuw opsturen of een nieuwe taak maken.',
  },
  'drive.VolumeNotNtfs': {
    title: 'Gegevensvolume is geen NTFS',
    explanation:
      'Het eerste gegevensvolume op de schijf is niet met NTFS geformatteerd, terwijl de Import/Export-service dat vereist. Er is niets gekopieerd.',
    nextStep:
      'Import: bereid de schijf opnieuw voor met de WAImportExport-tool (die formatteert het volume als NTFS) en stuur hem op in een nieuwe taak. Export: neem contact op met Azure-ondersteuning en vermeld de taaknaam en de schijf-ID.',
  },
  'drive.DiskOperationFailed': {
    title: 'Onbekende schijffout',
    explanation:
      'Bij het lezen van of schrijven naar de schijf ging in het datacenter iets mis, en de service zegt niet wat.',
    nextStep:
      'Controleer de schijf op een Windows-computer (`chkdsk X: /scan`). Staan er in het kopieerlog nog blobs met mislukte blokken, herstel die dan met `waie RepairExport` of `waie RepairImport`; neem anders contact op met Azure-ondersteuning.',
  },
  'drive.BitLockerVolumeNotFound': {
    title: 'Geen BitLocker-volume gevonden',
    explanation:
      'De service verwachtte een met BitLocker versleuteld volume op de schijf, maar vond er geen. Er is niets gekopieerd.',
    nextStep:
      'Import: versleutel de schijf met BitLocker bij het voorbereiden (de WAImportExport-tool doet dat) en stuur hem op in een nieuwe taak. Export: neem contact op met Azure-ondersteuning en vermeld de taaknaam en de schijf-ID.',
  },
  'drive.BitLockerNotActivated': {
    title: 'BitLocker staat niet aan',
    explanation:
      'De schijf heeft wel een volume, maar BitLocker-versleuteling is daarop niet actief. De service accepteert alleen versleutelde schijven, dus er is niets gekopieerd.',
    nextStep:
      'Import: zet BitLocker aan voor het volume (of bereid de schijf opnieuw voor met de WAImportExport-tool) en stuur hem op in een nieuwe taak. Export: neem contact op met Azure-ondersteuning.',
  },
  'drive.BitLockerProtectorNotFound': {
    title: 'Geen herstelwachtwoord op het volume',
    explanation:
      'BitLocker staat aan, maar het volume heeft geen herstelwachtwoord van 48 cijfers, en dat gebruikt de service om schijven te ontgrendelen. Er is niets gekopieerd.',
    nextStep:
      'Voeg een herstelwachtwoord toe (`manage-bde -protectors -add X: -RecoveryPassword`), vul die sleutel voor deze schijf in bij de taak en stuur de schijf opnieuw op, of maak een nieuwe taak.',
  },
  'drive.BitLockerKeyInvalid': {
    title: 'BitLocker-sleutel past niet',
    explanation:
      'De herstelsleutel van 48 cijfers die de taak voor deze schijf heeft, ontgrendelt het volume niet. Meestal hoort de sleutel bij een andere schijf of is hij verkeerd ingetypt. Er is niets gekopieerd.',
    nextStep:
      'Kopieer de herstelsleutel voor deze schijf-ID uit de Azure-portal (uw taak → Versleuteling) en vergelijk hem met de schijf. Import: verbeter de sleutel in de taak. Wilt u de schijf hier ontgrendelen, geef die sleutel dan aan `waie` mee met `/bk:`.',
  },
  'drive.BitLockerUnlockVolumeFailed': {
    title: 'Ontgrendelen van het volume mislukt',
    explanation:
      'BitLocker kon het volume niet ontgrendelen, om een reden die de service niet noemt; de sleutel werd niet als fout gemeld.',
    nextStep:
      'Probeer de schijf op een Windows-computer te ontgrendelen met de herstelsleutel uit de Azure-portal (taak → Versleuteling). Lukt dat, neem dan contact op met Azure-ondersteuning; lukt het niet, dan is de schijf mogelijk beschadigd.',
  },
  'drive.BitLockerFailed': {
    title: 'BitLocker-fout',
    explanation: 'Bij een BitLocker-bewerking op deze schijf is een onbekende fout opgetreden.',
    nextStep:
      'Probeer de schijf op een Windows-computer te ontgrendelen met de herstelsleutel uit de Azure-portal (taak → Versleuteling) en neem daarna contact op met Azure-ondersteuning; vermeld de taaknaam en de schijf-ID.',
  },
  'drive.ManifestNameInvalid': {
    title: 'Ongeldige naam van het manifest',
    explanation:
      'Het schijfmanifest (de lijst met bestanden en controlegetallen die bij het voorbereiden op de schijf wordt gezet) heeft een bestandsnaam die de service niet accepteert.',
    nextStep:
      'Import: bereid de schijf opnieuw voor met de WAImportExport-tool, zodat die een manifest met een juiste naam schrijft. Export: download de reservekopie van het manifest uit het opslagaccount (`waies/<taak>_<schijf-ID>_<tijd>_manifest.xml`) en geef die aan `waie` mee met `/ManifestFile:`.',
  },
  'drive.ManifestNameTooLong': {
    title: 'Naam van het manifest te lang',
    explanation: 'Het pad van het schijfmanifest op de schijf is langer dan de service toestaat.',
    nextStep:
      'Import: bereid de schijf opnieuw voor en laat het manifest in de hoofdmap van de schijf staan. Export: gebruik de reservekopie van het manifest in het opslagaccount (`waies/<taak>_<schijf-ID>_<tijd>_manifest.xml`) met `/ManifestFile:`.',
  },
  'drive.ManifestNotFound': {
    title: 'Manifest niet gevonden',
    explanation:
      'De service vond geen schijfmanifest op de schijf en wist dus niet welke bestanden gekopieerd moesten worden. Er is niets gekopieerd.',
    nextStep:
      'Import: controleer of het manifest van de voorbereiding nog in de hoofdmap van de schijf staat; is het weg, bereid de schijf dan opnieuw voor. Export: gebruik de reservekopie in het opslagaccount (`waies/…_manifest.xml`) met `/ManifestFile:`.',
  },
  'drive.ManifestAccessDenied': {
    title: 'Manifest kon niet worden geopend',
    explanation: 'Het schijfmanifest staat op de schijf, maar door de bestandsrechten mocht de service het niet lezen.',
    nextStep:
      'Geef Administrators leesrechten op het manifest in de hoofdmap van de schijf en stuur hem opnieuw op, of neem contact op met Azure-ondersteuning. Bij een export kunt u de reservekopie in het opslagaccount (`waies/…_manifest.xml`) gebruiken met `/ManifestFile:`.',
  },
  'drive.ManifestCorrupted': {
    title: 'Manifest beschadigd',
    explanation:
      'De inhoud van het schijfmanifest klopt niet meer met zijn eigen controlegetal, dus het is niet te vertrouwen als lijst van bestanden op de schijf.',
    nextStep:
      'Gebruik de reservekopie van het manifest in het opslagaccount (container `waimportexport`, blob `waies/<taak>_<schijf-ID>_<tijd>_manifest.xml`) en geef die aan `waie RepairExport` mee met `/ManifestFile:`.',
  },
  'drive.ManifestFormatInvalid': {
    title: 'Manifest heeft een verkeerde opbouw',
    explanation: 'Het schijfmanifest is wel leesbaar, maar de XML volgt niet de voorgeschreven opbouw.',
    nextStep:
      'Import: bereid de schijf opnieuw voor met de WAImportExport-tool in plaats van het manifest met de hand te bewerken. Export: gebruik de reservekopie in het opslagaccount (`waies/…_manifest.xml`) met `/ManifestFile:`.',
  },
  'drive.ManifestDriveIdMismatch': {
    title: 'Manifest hoort bij een andere schijf',
    explanation:
      'De schijf-ID in het manifest is niet het serienummer dat de service van deze schijf las. Waarschijnlijk is het manifest van een andere schijf gekopieerd, of zijn schijven verwisseld.',
    nextStep:
      'Controleer of deze schijf dezelfde is als die de taak onder deze schijf-ID noemt. Elke schijf heeft een eigen manifest nodig; geef bij `waie` het manifest van deze schijf-ID mee met `/ManifestFile:`.',
  },
  'drive.ReadManifestFailed': {
    title: 'Manifest kon niet worden gelezen',
    explanation: 'Tijdens het lezen van het schijfmanifest trad een leesfout van de schijf op.',
    nextStep:
      'Controleer de schijf op fouten (`chkdsk X: /scan`). Bij een export kan de reservekopie in het opslagaccount (`waies/…_manifest.xml`) het manifest vervangen: geef die aan `waie RepairExport` mee met `/ManifestFile:`.',
  },
  'drive.BlobListFormatInvalid': {
    title: 'Bloblijst van de export heeft een verkeerde opbouw',
    explanation:
      'Alleen bij export: de lijst die aangeeft welke blobs geëxporteerd moeten worden, volgt niet de voorgeschreven opbouw. Er is niets geëxporteerd.',
    nextStep: 'Verbeter de bloblijst (een XML-lijst met BlobPath- en BlobPathPrefix-regels) en maak een nieuwe exporttaak.',
  },
  'drive.BlobRequestForbidden': {
    title: 'Opslagaccount weigerde toegang',
    explanation:
      'Het opslagaccount heeft de aanvragen van de service voor deze schijf geweigerd. Meestal is tijdens de taak de accountsleutel vervangen, of klopt de container-SAS niet of is hij verlopen.',
    nextStep:
      'Controleer de accountsleutel (portal: opslagaccount → Toegangssleutels) of maak een nieuwe container-SAS (leesrecht voor export, schrijfrecht voor import). Start daarna `waie RepairExport` of `waie RepairImport` met `/sk:` of `/csas:` om de mislukte gegevens over te zetten.',
  },
  'drive.InternalError': {
    title: 'Interne fout bij de service',
    explanation:
      'De Import/Export-service kreeg een interne fout tijdens het verwerken van deze schijf. Dat komt niet door uw gegevens.',
    nextStep:
      'Neem contact op met Azure-ondersteuning en vermeld de taaknaam, de schijf-ID en dit kopieerlog. Staan er in het log blobs met mislukte blokken, dan kan `waie RepairExport` of `waie RepairImport` die opnieuw proberen.',
  },

  // ── Blob ─────────────────────────────────────────────────────────────────
  'blob.Completed': {
    title: 'Blob gekopieerd',
    explanation: 'Dit bestand en de bijbehorende blob zijn volledig en zonder fouten gekopieerd.',
    nextStep: 'Niets te doen.',
  },
  'blob.CompletedWithErrors': {
    title: 'Blob gekopieerd met fouten',
    explanation:
      'Een deel van deze blob is mislukt: enkele blokken of paginabereiken, of de metagegevens of eigenschappen. De delen met Completed zijn in orde.',
    nextStep: HERSTEL_BEIDE,
  },
  'blob.FileNameInvalid': {
    title: 'Ongeldige bestandsnaam',
    explanation:
      'De bestandsnaam is niet toegestaan. Bij een import was de naam op de schijf ongeldig; bij een export kon de blobnaam niet worden omgezet in een geldige Windows-bestandsnaam.',
    nextStep:
      'Import: start `waie RepairImport` met `/PathMapFile:` en zet in dat bestand achter het pad waar het bestand echt staat. Export: download deze blob rechtstreeks (Azure Storage Explorer of AzCopy) en sla hem op onder een geldige naam.',
  },
  'blob.FileNameTooLong': {
    title: 'Bestandspad te lang',
    explanation:
      'Het pad van het bestand is langer dan Windows toestaat (een naam van meer dan 255 tekens, of een pad van meer dan 260 tekens zonder ondersteuning voor lange paden).',
    nextStep:
      'Import: start `waie RepairImport` met `/PathMapFile:` en verwijs dit pad naar een kopie van het bestand met een korter pad. Export: download deze blob rechtstreeks (Azure Storage Explorer of AzCopy) naar een korter pad.',
  },
  'blob.FileNotFound': {
    title: 'Bestand niet gevonden',
    explanation:
      'Het bestand dat in het manifest staat, was niet op de schijf toen de service ernaar zocht. Van deze blob is dus niets gekopieerd.',
    nextStep:
      'Start `waie RepairImport` met `/d:` naar de mappen waar de oorspronkelijke bestanden staan. Paden die het dan nog niet vindt, komen in het `/PathMapFile:`-bestand: zet achter elk pad waar het bestand echt staat en start opnieuw.',
  },
  'blob.FileAccessDenied': {
    title: 'Geen toegang tot het bestand',
    explanation: 'Door de bestandsrechten op de schijf mocht de service dit bestand niet openen.',
    nextStep:
      'Zorg dat een beheerder het bestand kan lezen (import) of schrijven (export) en start daarna `waie RepairImport` of `waie RepairExport` met dit kopieerlog.',
  },
  'blob.BlobRequestFailed': {
    title: 'Aanvraag bij de opslag mislukt',
    explanation:
      'Een aanvraag bij Azure Blob Storage voor deze blob is mislukt, bijvoorbeeld door een time-out of een tijdelijke storing.',
    nextStep: HERSTEL_BEIDE,
  },
  'blob.BlobRequestForbidden': {
    title: 'Opslagaccount weigerde toegang tot de blob',
    explanation:
      'Blob Storage heeft de toegang tot deze blob geweigerd. Meestal is tijdens de taak de accountsleutel vervangen, of klopt de container-SAS niet of is hij verlopen.',
    nextStep:
      'Controleer de accountsleutel (portal: opslagaccount → Toegangssleutels) of de container-SAS en start daarna `waie RepairExport` of `waie RepairImport` met de geldige sleutel (`/sk:`) of SAS (`/csas:`).',
  },
  'blob.RenameFailed': {
    title: 'Hernoemen mislukt',
    explanation:
      'De service moest de blob (import) of het bestand (export) een andere naam geven, bijvoorbeeld door de importregel ‘rename’, en dat hernoemen is mislukt.',
    nextStep:
      'Zoek de blob op in het opslagaccount (import) of het bestand op de schijf (export) en kopieer dat ene item met de hand, bijvoorbeeld met AzCopy of Azure Storage Explorer.',
  },
  'blob.BlobUnexpectedChange': {
    title: 'Blob gewijzigd tijdens de export',
    explanation:
      'Alleen bij export: de blob is gewijzigd terwijl hij naar de schijf werd gekopieerd. Het bestand op de schijf kan daardoor oude en nieuwe inhoud door elkaar bevatten.',
    nextStep:
      'Herstel dit bestand niet blok voor blok: de controlegetallen in het log horen bij de oude versie. Download de hele blob opnieuw (AzCopy of Azure Storage Explorer) of exporteer hem opnieuw in een nieuwe taak.',
  },
  'blob.LeasePresent': {
    title: 'Blob is vergrendeld met een lease',
    explanation: 'Een ander programma had een lease (een vergrendeling) op deze blob, dus de service kon er niet naar schrijven.',
    nextStep:
      'Wacht tot de lease afloopt of verbreek hem (Azure Storage Explorer: Break Lease) en start daarna `waie RepairImport` met dit kopieerlog.',
  },
  'blob.IOFailed': {
    title: 'Lees- of schrijffout op de schijf',
    explanation:
      'Tijdens het lezen of schrijven van dit bestand op de schijf trad een schijf- of I/O-fout op.',
    nextStep:
      'Controleer de schijf (`chkdsk X: /scan`). Start daarna `waie RepairExport` of `waie RepairImport` met dit kopieerlog; blijft de schijf haperen, herstel dan naar een kopie van de bestanden op een andere schijf.',
  },
  'blob.Failed': {
    title: 'Blob mislukt',
    explanation: 'Bij het verwerken van deze blob trad een onbekende fout op; de service geeft geen details.',
    nextStep: HERSTEL_BEIDE + ' Mislukt het opnieuw, dan staat in het herstelrapport waarom.',
  },

  // ── Importregel ──────────────────────────────────────────────────────────
  'importDisposition.Created': {
    title: 'Blob aangemaakt',
    explanation: 'Er bestond nog geen blob met deze naam, dus er is een nieuwe aangemaakt.',
    nextStep: 'Niets te doen.',
  },
  'importDisposition.Renamed': {
    title: 'Blob onder een nieuwe naam opgeslagen',
    explanation:
      'Er bestond al een blob met deze naam. Omdat de importregel ‘rename’ was, zijn de gegevens onder een nieuwe naam opgeslagen; die staat in het log bij BlobPath.',
    nextStep:
      'Gebruik de nieuwe naam uit BlobPath. Hebt u de oorspronkelijke naam nodig, hernoem of kopieer de blob dan in het opslagaccount.',
  },
  'importDisposition.Skipped': {
    title: 'Blob overgeslagen',
    explanation:
      'Er bestond al een blob met deze naam en de importregel was ‘no-overwrite’. De bestaande blob is bewaard en dit bestand is niet geüpload.',
    nextStep:
      'Had het bestand op de schijf de bestaande blob moeten vervangen, upload het dan zelf, bijvoorbeeld met AzCopy.',
  },
  'importDisposition.Overwritten': {
    title: 'Bestaande blob vervangen',
    explanation:
      'Er bestond al een blob met deze naam en die is door dit bestand vervangen, zoals de importregel ‘overwrite’ vroeg.',
    nextStep:
      'Niets te doen, tenzij de oude blob nog nodig was: zet hem dan terug vanuit een momentopname of voorlopig verwijderde versie, als het account die bewaart.',
  },
  'importDisposition.Cancelled': {
    title: 'Importregel niet toegepast',
    explanation:
      'Door een eerdere fout bij deze blob is de service gestopt voordat de importregel werd toegepast. De status van de blob zelf vertelt wat er misging.',
    nextStep: 'Los de oorzaak op die bij de status van de blob staat en start daarna `waie RepairImport` met dit kopieerlog.',
  },

  // ── Paginabereik / blok ──────────────────────────────────────────────────
  'range.Completed': {
    title: 'Deel gekopieerd',
    explanation: 'Dit blok of paginabereik is gekopieerd en het controlegetal klopte.',
    nextStep: 'Niets te doen.',
  },
  'range.Committed': {
    title: 'Blok opgeslagen, blob niet samengesteld',
    explanation:
      'Het blok is in het opslagaccount aangekomen, maar de blob is er niet mee samengesteld, omdat andere blokken mislukten of de definitieve lijst met blokken niet kon worden opgeslagen. De blob is dus nog niet compleet.',
    nextStep:
      'Start `waie RepairImport` met dit kopieerlog: het uploadt de mislukte blokken en slaat de bloklijst op, zodat de blob compleet wordt.',
  },
  'range.Uncommitted': {
    title: 'Blok geüpload maar niet vastgelegd',
    explanation:
      'Het blok is geüpload, maar nooit onderdeel van de blob geworden. Azure gooit zulke losse blokken na ongeveer een week weg.',
    nextStep: 'Start `waie RepairImport` met dit kopieerlog: het uploadt de ontbrekende blokken opnieuw en slaat de bloklijst op.',
  },
  'range.Corrupted': {
    title: 'Deel beschadigd (controlegetal klopt niet)',
    explanation:
      'De gegevens van dit blok of paginabereik komen niet overeen met het MD5-controlegetal dat ervoor is vastgelegd; het deel is dus beschadigd.',
    nextStep:
      'Export: start `waie RepairExport` met dit kopieerlog om dit deel opnieuw te downloaden. Import: start `waie RepairImport` met `/d:` naar de oorspronkelijke bestanden om het opnieuw te uploaden.',
  },
  'range.FileUnexpectedEnd': {
    title: 'Bestand korter dan verwacht',
    explanation:
      'Het bestand op de schijf hield op vóór dit blok of paginabereik. Het is korter dan bij het voorbereiden van de schijf (import), of het is tijdens het schrijven afgebroken (export).',
    nextStep:
      'Import: start `waie RepairImport` met `/d:` naar de oorspronkelijke, volledige bestanden. Export: start `waie RepairExport` met dit kopieerlog.',
  },
  'range.BlobUnexpectedEnd': {
    title: 'Blob korter dan verwacht',
    explanation:
      'De blob hield op vóór dit blok of paginabereik: de upload is te vroeg gestopt (import), of de blob is tijdens de export korter geworden.',
    nextStep:
      HERSTEL_BEIDE + ' Is de blob zelf tijdens de export ingekort, download dan in plaats daarvan de hele blob opnieuw.',
  },
  'range.BlobRequestFailed': {
    title: 'Aanvraag bij de opslag mislukt',
    explanation:
      'De aanvraag bij Azure Blob Storage voor dit blok of paginabereik is mislukt, bijvoorbeeld door een time-out.',
    nextStep: HERSTEL_BEIDE,
  },
  'range.IOFailed': {
    title: 'Lees- of schrijffout op de schijf',
    explanation:
      'Bij het lezen of schrijven van dit blok of paginabereik op de schijf trad een schijf- of I/O-fout op.',
    nextStep:
      'Controleer de schijf (`chkdsk X: /scan`) en start daarna `waie RepairExport` (export) of `waie RepairImport` (import) met dit kopieerlog om dit deel opnieuw over te zetten.',
  },
  'range.Failed': {
    title: 'Deel mislukt',
    explanation:
      'Bij het verwerken van dit blok of paginabereik trad een onbekende fout op; de service geeft geen details.',
    nextStep: HERSTEL_BEIDE,
  },
  'range.Cancelled': {
    title: 'Deel overgeslagen na een eerdere fout',
    explanation:
      'Na een eerdere fout is de service gestopt met deze blob, dus dit blok of paginabereik is nooit gekopieerd.',
    nextStep:
      'Los eerst de eerste fout van deze blob op (zie de status van de blob) en start daarna `waie RepairExport` of `waie RepairImport`; overgeslagen delen worden dan ook overgezet.',
  },

  // ── Metagegevens en eigenschappen ────────────────────────────────────────
  'sidecar.Completed': {
    title: 'Metagegevens of eigenschappen gekopieerd',
    explanation: 'Het bestand met metagegevens of eigenschappen van de blob is zonder fouten verwerkt.',
    nextStep: 'Niets te doen.',
  },
  'sidecar.FileNameInvalid': {
    title: 'Ongeldige naam van het metagegevens- of eigenschappenbestand',
    explanation:
      'Het bestand met metagegevens of eigenschappen van deze blob heeft een ongeldige naam en is daarom niet verwerkt.',
    nextStep:
      'Stel de metagegevens of eigenschappen zelf in op de blob (Azure Storage Explorer → Eigenschappen), of geef het bestand een geldige naam voor een nieuwe taak.',
  },
  'sidecar.FileNameTooLong': {
    title: 'Naam van het metagegevens- of eigenschappenbestand te lang',
    explanation: 'Het pad van het bestand met metagegevens of eigenschappen van deze blob is langer dan de service toestaat.',
    nextStep:
      'Stel de metagegevens of eigenschappen zelf in op de blob (Azure Storage Explorer → Eigenschappen), of kies een korter pad voor een nieuwe taak.',
  },
  'sidecar.FileNotFound': {
    title: 'Metagegevens- of eigenschappenbestand niet gevonden',
    explanation: 'Het bestand met metagegevens of eigenschappen dat bij deze blob hoort, is niet gevonden.',
    nextStep:
      'Export: start `waie RepairExport` met dit kopieerlog en het schijfmanifest (`/ManifestFile:`); het schrijft het bestand opnieuw vanuit de blob. Import: zet het bestand terug en start `waie RepairImport` met `/d:`.',
  },
  'sidecar.FileAccessDenied': {
    title: 'Geen toegang tot het metagegevens- of eigenschappenbestand',
    explanation:
      'Door de bestandsrechten mocht de service het bestand met metagegevens of eigenschappen van deze blob niet openen.',
    nextStep:
      'Zorg dat een beheerder het bestand kan lezen en schrijven en start daarna `waie RepairExport` of `waie RepairImport` met dit kopieerlog.',
  },
  'sidecar.Corrupted': {
    title: 'Metagegevens- of eigenschappenbestand beschadigd',
    explanation: 'Het bestand met metagegevens of eigenschappen klopt niet met het controlegetal dat ervoor is vastgelegd.',
    nextStep:
      'Export: start `waie RepairExport` met het schijfmanifest (`/ManifestFile:`); het schrijft het bestand opnieuw vanuit de blob. Import: start `waie RepairImport` met `/d:` naar de oorspronkelijke bestanden.',
  },
  'sidecar.XmlReadFailed': {
    title: 'Metagegevens- of eigenschappenbestand onleesbaar',
    explanation:
      'Het bestand is geen geldige XML met de verwachte opbouw, dus de service kon de waarden er niet uit lezen.',
    nextStep:
      'Verbeter het bestand (hoofdelement `<Metadata>` of `<Properties>`, één element per waarde) en stel de waarden zelf in op de blob, bijvoorbeeld met Azure Storage Explorer.',
  },
  'sidecar.XmlWriteFailed': {
    title: 'Metagegevens- of eigenschappenbestand niet geschreven',
    explanation: 'Export: de service kon het bestand met metagegevens of eigenschappen van deze blob niet naar de schijf schrijven.',
    nextStep:
      'Start `waie RepairExport` met dit kopieerlog en het schijfmanifest (`/ManifestFile:`); het schrijft het bestand opnieuw.',
  },
  'sidecar.BlobRequestFailed': {
    title: 'Aanvraag voor metagegevens of eigenschappen mislukt',
    explanation:
      'De aanvraag bij Azure Blob Storage om de metagegevens of eigenschappen van deze blob te lezen of in te stellen, is mislukt.',
    nextStep: HERSTEL_BEIDE,
  },
  'sidecar.IOFailed': {
    title: 'Schijffout bij metagegevens of eigenschappen',
    explanation:
      'Bij het lezen of schrijven van het bestand met metagegevens of eigenschappen van deze blob trad een schijf- of I/O-fout op.',
    nextStep:
      'Controleer de schijf (`chkdsk X: /scan`) en start daarna `waie RepairExport` of `waie RepairImport` met dit kopieerlog.',
  },
  'sidecar.Failed': {
    title: 'Metagegevens of eigenschappen mislukt',
    explanation:
      'Bij het verwerken van de metagegevens of eigenschappen van deze blob trad een onbekende fout op; de service geeft geen details.',
    nextStep: HERSTEL_BEIDE,
  },
  'sidecar.Cancelled': {
    title: 'Metagegevens of eigenschappen overgeslagen',
    explanation:
      'Door een eerdere fout bij deze blob is de service gestopt voordat de metagegevens of eigenschappen aan de beurt waren.',
    nextStep:
      'Los eerst de eerste fout van deze blob op (zie de status van de blob) en start daarna `waie RepairExport` of `waie RepairImport` met dit kopieerlog.',
  },

  // ── 2018-10-01 (Data Box Disk) ───────────────────────────────────────────
  'dataBox.Renamed': {
    title: 'Hernoemd',
    explanation: 'Het item is geüpload en onderweg hernoemd, omdat de naam niet voldeed aan de naamregels van Azure.',
    nextStep: 'U vindt het onder de nieuwe naam bij BlobPath (of FileStoragePath). Er hoeft niets hersteld te worden.',
  },
  'dataBox.StorageRequestFailed': {
    title: 'Aanvraag bij de opslag mislukt',
    explanation: 'Tijdens het uploaden van dit item is een aanvraag bij Azure Storage (blobs of bestanden) mislukt.',
    nextStep:
      'Start `waie RepairImport` met dit kopieerlog en `/d:` naar de oorspronkelijke bestanden om het item opnieuw te uploaden.',
  },
  'dataBox.StorageRequestForbidden': {
    title: 'Opslagaccount weigerde de upload',
    explanation:
      'Het item kon niet worden geüpload, omdat het opslagaccount de inloggegevens weigerde, bijvoorbeeld door een vervangen accountsleutel of een verlopen SAS.',
    nextStep:
      'Controleer de accountsleutel (portal: opslagaccount → Toegangssleutels) of maak een nieuwe container-SAS met schrijfrecht en start daarna `waie RepairImport` met `/sk:` of `/csas:`.',
  },
  'dataBox.ContainerRenamed': {
    title: 'Container hernoemd',
    explanation:
      'De mapnaam op de schijf was geen geldige containernaam. De gegevens staan daarom in een container waarvan de naam begint met `databox-`, gevolgd door een hash van de oorspronkelijke naam.',
    nextStep:
      'U vindt de gegevens in de `databox-…`-container die bij BlobPath staat; kopieer ze zo nodig naar een container met de gewenste naam.',
  },
  'dataBox.ShareRenamed': {
    title: 'Bestandsshare hernoemd',
    explanation:
      'De mapnaam op de schijf was geen geldige naam voor een bestandsshare. De gegevens staan daarom in een share waarvan de naam begint met `databox-`, gevolgd door een hash van de oorspronkelijke naam.',
    nextStep: 'U vindt de gegevens in de `databox-…`-share; kopieer ze zo nodig naar een share met de gewenste naam.',
  },
  'dataBox.BlobRenamed': {
    title: 'Blob hernoemd',
    explanation: 'De bestandsnaam was geen geldige blobnaam, dus de blob is onder een andere naam opgeslagen.',
    nextStep: 'U vindt de blob onder de nieuwe naam bij BlobPath; hernoem hem daar zo nodig.',
  },
  'dataBox.FileRenamed': {
    title: 'Bestand hernoemd',
    explanation: 'De bestandsnaam was niet toegestaan in een Azure-bestandsshare, dus het bestand is onder een andere naam opgeslagen.',
    nextStep: 'U vindt het bestand onder de nieuwe naam bij FileStoragePath; hernoem het daar zo nodig.',
  },
  'dataBox.DiskRenamed': {
    title: 'Schijfkopie hernoemd',
    explanation:
      'De naam van deze schijfkopie (VHD) voldeed niet aan de naamregels van Azure, dus hij is onder een andere naam opgeslagen.',
    nextStep: 'U vindt hem onder de nieuwe naam bij BlobPath; hernoem de beheerde schijf of paginablob daar zo nodig.',
  },
  'dataBox.InvalidWorkitem': {
    title: 'Item past niet binnen de regels van Azure',
    explanation:
      'Het item is niet geüpload, omdat de naam, het pad of de grootte niet past binnen de naamregels of limieten van Azure.',
    nextStep:
      'Hernoem of splits het bestand zodat het aan de regels van Azure voldoet (geldige naam, padlengte, maximale blob- of bestandsgrootte) en upload het zelf, bijvoorbeeld met AzCopy.',
  },
  'dataBox.MovedToOverflowShare': {
    title: 'Verplaatst naar een extra share',
    explanation:
      'De bestandsshare zou groter worden dan Azure toestaat, dus dit bestand is in een nieuwe share gezet: de oorspronkelijke naam met `-2` erachter.',
    nextStep: 'U vindt het bestand in de `…-2`-share. Er hoeft niets hersteld te worden.',
  },
  'dataBox.MovedToDefaultAzureShare': {
    title: 'Verplaatst naar een standaardshare',
    explanation:
      'Het bestand stond op de schijf niet in een sharemap, dus het is geüpload naar een standaardshare waarvan de naam begint met `databox-`.',
    nextStep: 'U vindt het bestand in de `databox-…`-share; verplaats het naar de gewenste plek. Er hoeft niets hersteld te worden.',
  },
};
