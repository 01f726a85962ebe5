<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New account</source>
        <translation>Nieuw account</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Function title:</source>
        <translation>&amp;Functie:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>&amp;Herhaal wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Client registered</source>
        <translation>Cliënt ingeschreven</translation>
    </message>
    <message>
        <source>Client file changed</source>
        <translation>Cliëntdossier gewijzigd</translation>
    </message>
    <message>
        <source>Answers recorded</source>
        <translation>Antwoorden genoteerd</translation>
    </message>
    <message>
        <source>Client file opened</source>
        <translation>Cliëntdossier geopend</translation>
    </message>
    <message>
        <source>Clients searched</source>
        <translation>Cliënten gezocht</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>Dossier toegewezen</translation>
    </message>
    <message>
        <source>Conversation recorded</source>
        <translation>Gesprek genoteerd</translation>
    </message>
    <message>
        <source>Case note written</source>
        <translation>Dossiernotitie geschreven</translation>
    </message>
    <message>
        <source>Conversations read</source>
        <translation>Gesprekken gelezen</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Toestemming ingetrokken</translation>
    </message>
    <message>
        <source>Consents read</source>
        <translation>Toestemmingen gelezen</translation>
    </message>
    <message>
        <source>Decision recorded</source>
        <translation>Beslissing genoteerd</translation>
    </message>
    <message>
        <source>Decisions read</source>
        <translation>Beslissingen gelezen</translation>
    </message>
    <message>
        <source>Referral made</source>
        <translation>Doorverwezen</translation>
    </message>
    <message>
        <source>Referral followed up</source>
        <translation>Doorverwijzing opgevolgd</translation>
    </message>
    <message>
        <source>Letter printed</source>
        <translation>Brief afgedrukt</translation>
    </message>
    <message>
        <source>Letters read</source>
        <translation>Brieven gelezen</translation>
    </message>
    <message>
        <source>Break-glass log read</source>
        <translation>Noodtoegangen bekeken</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Aangemeld</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Mislukte aanmelding</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Account vergrendeld</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>Scherm vergrendeld</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>Scherm ontgrendeld</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Account toegevoegd</translation>
    </message>
    <message>
        <source>Account switched off</source>
        <translation>Account uitgeschakeld</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Nieuw wachtwoord ingesteld</translation>
    </message>
    <message>
        <source>Refused: no permission</source>
        <translation>Geweigerd: geen toestemming</translation>
    </message>
    <message>
        <source>Audit trail read</source>
        <translation>Audittrail bekeken</translation>
    </message>
    <message>
        <source>Audit trail exported</source>
        <translation>Audittrail geëxporteerd</translation>
    </message>
    <message>
        <source>Non-take-up review read</source>
        <translation>Overzicht niet-opgenomen rechten bekeken</translation>
    </message>
    <message>
        <source>Caseload screened</source>
        <translation>Alle dossiers gescreend</translation>
    </message>
    <message>
        <source>Letterhead changed</source>
        <translation>Briefhoofd gewijzigd</translation>
    </message>
    <message>
        <source>Demo data loaded</source>
        <translation>Demogegevens geladen</translation>
    </message>
    <message>
        <source>Sync conflict settled</source>
        <translation>Synchronisatieconflict opgelost</translation>
    </message>
    <message>
        <source>Status list read in</source>
        <translation>Statuslijst ingelezen</translation>
    </message>
    <message>
        <source>Official statuses read in</source>
        <translation>Officiële statussen ingelezen</translation>
    </message>
    <message>
        <source>client</source>
        <translation>cliënt</translation>
    </message>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <source>audit trail</source>
        <translation>audittrail</translation>
    </message>
    <message>
        <source>permission</source>
        <translation>toestemming</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>gesprek</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>beslissing</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>doorverwijzing</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>brief</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>service</source>
        <translation>dienst</translation>
    </message>
    <message>
        <source>status list</source>
        <translation>statuslijst</translation>
    </message>
</context>
<context>
    <name>BreakGlassDialog</name>
    <message>
        <source>Case of a colleague</source>
        <translation>Dossier van een collega</translation>
    </message>
    <message>
        <source>This case is assigned to a colleague. You may open it only if you need it now, for example because the client is at the desk and your colleague is absent.</source>
        <translation>Dit dossier is toegewezen aan een collega. U mag het alleen openen als u het nu nodig hebt, bijvoorbeeld omdat de cliënt aan de balie staat en uw collega afwezig is.</translation>
    </message>
    <message>
        <source>Your access is logged with your reason and shown to the team lead. It lasts {minutes} minutes.</source>
        <translation>Uw toegang wordt met uw reden vastgelegd en aan de teamverantwoordelijke getoond. Ze geldt {minutes} minuten.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Why do you need this case now?</source>
        <translation>Waarom hebt u dit dossier nu nodig?</translation>
    </message>
    <message>
        <source>&amp;Reason (at least {count} characters):</source>
        <translation>&amp;Reden (minstens {count} tekens):</translation>
    </message>
    <message>
        <source>&amp;Open the case</source>
        <translation>Dossier &amp;openen</translation>
    </message>
    <message>
        <source>Case not assigned</source>
        <translation>Dossier niet toegewezen</translation>
    </message>
    <message>
        <source>This case is not assigned yet. Do you want to take it as your case?</source>
        <translation>Dit dossier is nog niet toegewezen. Wilt u het opnemen als uw dossier?</translation>
    </message>
</context>
<context>
    <name>BreakGlassView</name>
    <message>
        <source>Break-glass accesses</source>
        <translation>Noodtoegang tot dossiers (break-glass)</translation>
    </message>
    <message numerus="yes">
        <source>last %n day(s)</source>
        <translation>
            <numerusform>laatste %n dag</numerusform>
            <numerusform>laatste %n dagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Tonen:</translation>
    </message>
    <message numerus="yes">
        <source>%n access(es).</source>
        <translation>
            <numerusform>%n noodtoegang.</numerusform>
            <numerusform>%n noodtoegangen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <source>&lt;b&gt;Take-up per right&lt;/b&gt; (acted on / eligible)</source>
        <translation>&lt;b&gt;Benutting per recht&lt;/b&gt; (met actie / met recht)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trend by month&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verloop per maand&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Save as PNG…</source>
        <translation>Opslaan als &amp;PNG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Grafiek opslaan</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved there.</source>
        <translation>De grafiek kon daar niet worden opgeslagen.</translation>
    </message>
</context>
<context>
    <name>ConflictBox</name>
    <message>
        <source>Saved by someone else</source>
        <translation>Door iemand anders opgeslagen</translation>
    </message>
    <message>
        <source>This household or this person was changed by another user while you were editing.</source>
        <translation>Dit gezin of deze persoon werd intussen gewijzigd door een andere gebruiker.</translation>
    </message>
    <message>
        <source>Nothing of yours was saved and nothing of theirs was overwritten.</source>
        <translation>Er is niets van uw wijzigingen opgeslagen en niets van de hunne overschreven.</translation>
    </message>
    <message>
        <source>Reload their version? Your changes on screen will be lost; note them down first if you need them.</source>
        <translation>Hun versie opnieuw laden? Uw wijzigingen op het scherm gaan dan verloren; noteer ze eerst als u ze nog nodig hebt.</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Opnieuw laden</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Verder bewerken</translation>
    </message>
    <message>
        <source>The details of {name} were changed by someone else.</source>
        <translation>De gegevens van {name} werden intussen door iemand anders gewijzigd.</translation>
    </message>
    <message>
        <source>A member&apos;s details were changed by someone else.</source>
        <translation>De gegevens van een lid werden intussen door iemand anders gewijzigd.</translation>
    </message>
    <message>
        <source>A member&apos;s place in this household was changed by someone else.</source>
        <translation>De plaats van een lid in dit gezin werd intussen door iemand anders gewijzigd.</translation>
    </message>
    <message>
        <source>The address, the members or the facts of this household were changed by someone else.</source>
        <translation>Het adres, de leden of de gegevens van dit gezin werden intussen door iemand anders gewijzigd.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Sync conflicts</source>
        <translation>Synchronisatieconflicten</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Open conflicten</translation>
    </message>
    <message>
        <source>Versions of the record</source>
        <translation>Versies van het gegeven</translation>
    </message>
    <message>
        <source>Take &amp;this database</source>
        <translation>Neem &amp;deze database</translation>
    </message>
    <message>
        <source>Take the &amp;other site</source>
        <translation>Neem &amp;andere site</translation>
    </message>
    <message>
        <source>&amp;Save as resolution</source>
        <translation>&amp;Opslaan als oplossing</translation>
    </message>
    <message>
        <source>Save this resolution for the {record} of {client}?</source>
        <translation>Deze oplossing opslaan voor {record} van {client}?</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Niet opgeslagen</translation>
    </message>
    <message>
        <source>{field} cannot be empty. Nothing was saved.</source>
        <translation>{field} mag niet leeg zijn. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>{field} is too long. Nothing was saved.</source>
        <translation>{field} is te lang. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>{field}: this is not a valid value. Nothing was saved.</source>
        <translation>{field}: dit is geen geldige waarde. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>Save the resolution</source>
        <translation>Oplossing opslaan</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Geen open conflicten.</translation>
    </message>
    <message>
        <source>Conflicts are settled on the central database. This laptop only shows them, until the next synchronisation brings the resolution.</source>
        <translation>Conflicten worden op de centrale database opgelost. Deze laptop toont ze alleen, tot de volgende synchronisatie de oplossing meebrengt.</translation>
    </message>
    <message>
        <source>Per field, take the version that is right or type the correct value in the Resolution column, then save. The resolution is stored as a new version above both, with an audit event.</source>
        <translation>Neem per veld de juiste versie of typ de juiste waarde in de kolom Oplossing, en sla dan op. De oplossing wordt opgeslagen als nieuwe versie boven beide, met een auditgebeurtenis.</translation>
    </message>
</context>
<context>
    <name>ConsentTexts</name>
    <message>
        <source>The client withdrew this consent: nothing may be shared on it. Register a new consent first if the client agrees again.</source>
        <translation>De cliënt heeft deze toestemming ingetrokken: er mag niets op gedeeld worden. Registreer eerst een nieuwe toestemming als de cliënt opnieuw akkoord gaat.</translation>
    </message>
    <message>
        <source>The consent was given for {given}, not for {asked}.</source>
        <translation>De toestemming werd gegeven voor {given}, niet voor {asked}.</translation>
    </message>
    <message>
        <source>Sharing facts needs the client&apos;s consent for this partner.</source>
        <translation>Gegevens delen kan alleen met de toestemming van de cliënt voor deze partner.</translation>
    </message>
    <message>
        <source>This consent does not belong to this household.</source>
        <translation>Deze toestemming hoort niet bij dit gezin.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>at the desk</source>
        <translation>aan het onthaal</translation>
    </message>
    <message>
        <source>by phone</source>
        <translation>telefonisch</translation>
    </message>
    <message>
        <source>home visit</source>
        <translation>huisbezoek</translation>
    </message>
    <message>
        <source>by e-mail</source>
        <translation>per e-mail</translation>
    </message>
    <message>
        <source>Intake conversation</source>
        <translation>Onthaalgesprek</translation>
    </message>
    <message>
        <source>What does the client ask?</source>
        <translation>Wat is de vraag van de cliënt?</translation>
    </message>
    <message>
        <source>Internal note (never shown to the client)</source>
        <translation>Interne nota (nooit zichtbaar voor de cliënt)</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Vraag:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Contactwijze:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>Consent to share data</source>
        <translation>Toestemming om gegevens te delen</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Vorm</translation>
    </message>
    <message>
        <source>Add &amp;consent</source>
        <translation>&amp;Toestemming toevoegen</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registreren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>e.g. CAW Oost-Brabant</source>
        <translation>bv. CAW Oost-Brabant</translation>
    </message>
    <message>
        <source>e.g. application for the social tariff</source>
        <translation>bv. aanvraag van het sociaal tarief</translation>
    </message>
    <message>
        <source>verbally</source>
        <translation>mondeling</translation>
    </message>
    <message>
        <source>in writing</source>
        <translation>schriftelijk</translation>
    </message>
    <message>
        <source>Consent {row}: partner</source>
        <translation>Toestemming {row}: partner</translation>
    </message>
    <message>
        <source>Consent {row}: purpose</source>
        <translation>Toestemming {row}: doel</translation>
    </message>
    <message>
        <source>Consent {row}: how given</source>
        <translation>Toestemming {row}: hoe gegeven</translation>
    </message>
    <message>
        <source>Write down the question.</source>
        <translation>Noteer de vraag.</translation>
    </message>
    <message>
        <source>A consent needs both a partner and a purpose.</source>
        <translation>Een toestemming heeft zowel een partner als een doel nodig.</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Decision on {right}</source>
        <translation>Beslissing over {right}</translation>
    </message>
    <message>
        <source>dd/mm/yyyy (optional)</source>
        <translation>dd/mm/jjjj (niet verplicht)</translation>
    </message>
    <message>
        <source>What was done, agreed or asked</source>
        <translation>Wat er gedaan, afgesproken of gevraagd werd</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Actie:</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>&amp;Follow up on:</source>
        <translation>&amp;Opvolgen op:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registreren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Write dates as dd/mm/yyyy, e.g. 22/11/2026.</source>
        <translation>Noteer datums als dd/mm/jjjj, bv. 22/11/2026.</translation>
    </message>
    <message>
        <source>The date is required.</source>
        <translation>De datum is verplicht.</translation>
    </message>
    <message>
        <source>The follow-up date lies before the decision.</source>
        <translation>De opvolgdatum ligt vóór de beslissing.</translation>
    </message>
</context>
<context>
    <name>DirectContactDialog</name>
    <message>
        <source>Direct contact of {name}</source>
        <translation>Rechtstreeks contact van {name}</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefoon:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message>
        <source>Sociale kaart: partners and services</source>
        <translation>Sociale kaart: partners en diensten</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Open a partner from the list, or add a new partner.</source>
        <translation>Open een partner uit de lijst, of voeg een nieuwe partner toe.</translation>
    </message>
    <message>
        <source>New par&amp;tner</source>
        <translation>Nieuwe par&amp;tner</translation>
    </message>
    <message>
        <source>Add a partner to the sociale kaart</source>
        <translation>Een partner aan de sociale kaart toevoegen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Save the partner (Ctrl+S)</source>
        <translation>De partner opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Close the sociale kaart (Esc)</source>
        <translation>De sociale kaart sluiten (Esc)</translation>
    </message>
    <message>
        <source>Cannot open this partner</source>
        <translation>Kan deze partner niet openen</translation>
    </message>
    <message>
        <source>New partner: fill in at least the name.</source>
        <translation>Nieuwe partner: vul minstens de naam in.</translation>
    </message>
    <message>
        <source>Reloaded.</source>
        <translation>Opnieuw geladen.</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>Nieuwe partner</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Niet opgeslagen</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>Opslaan lukt nog niet</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation>Door iemand anders opgeslagen</translation>
    </message>
    <message>
        <source>Someone else saved this partner while you were editing it. Nothing of yours was saved and nothing of theirs was overwritten.</source>
        <translation>Iemand anders heeft deze partner opgeslagen terwijl u hem bewerkte. Niets van u is opgeslagen en niets van hen is overschreven.</translation>
    </message>
    <message>
        <source>Reload their version? Your changes on screen will be lost; note them down first if you need them.</source>
        <translation>Hun versie opnieuw laden? Uw wijzigingen op het scherm gaan dan verloren; noteer ze eerst als u ze nog nodig hebt.</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Opnieuw laden</translation>
    </message>
    <message>
        <source>&amp;Keep my screen</source>
        <translation>Mijn scherm &amp;behouden</translation>
    </message>
    <message>
        <source>Save the changes to this partner first?</source>
        <translation>Eerst de wijzigingen aan deze partner opslaan?</translation>
    </message>
    <message>
        <source>Service “{name}” saved.</source>
        <translation>Dienst “{name}” opgeslagen.</translation>
    </message>
</context>
<context>
    <name>DirectorySearch</name>
    <message>
        <source>Partner, service or what they do</source>
        <translation>Partner, dienst of wat ze doen</translation>
    </message>
    <message>
        <source>Search the sociale kaart</source>
        <translation>Zoeken in de sociale kaart</translation>
    </message>
    <message>
        <source>Partner — service</source>
        <translation>Partner — dienst</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <source>Partners and services found</source>
        <translation>Gevonden partners en diensten</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>Searching failed: {reason}</source>
        <translation>Zoeken mislukt: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n partner(s) or service(s) found.</source>
        <translation>
            <numerusform>%n partner of dienst gevonden.</numerusform>
            <numerusform>%n partners of diensten gevonden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found for “{text}”. Add it with New partner.</source>
        <translation>Niets gevonden voor “{text}”. Voeg het toe met Nieuwe partner.</translation>
    </message>
    <message>
        <source>The sociale kaart is still empty.</source>
        <translation>De sociale kaart is nog leeg.</translation>
    </message>
    <message>
        <source>professional secrecy</source>
        <translation>beroepsgeheim</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>niet actief</translation>
    </message>
    <message>
        <source>Bound by professional secrecy: a referral letter may carry client data.</source>
        <translation>Gebonden door het beroepsgeheim: een verwijsbrief mag gegevens van de cliënt bevatten.</translation>
    </message>
    <message>
        <source>This service is no longer offered.</source>
        <translation>Deze dienst wordt niet meer aangeboden.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This case has a conflict after synchronisation. Settle it first in Conflicts.</source>
        <translation>Dit dossier heeft een conflict na synchronisatie. Los het eerst op in Conflicten.</translation>
    </message>
</context>
<context>
    <name>FactField</name>
    <message>
        <source>client&apos;s statement</source>
        <translation>verklaring cliënt</translation>
    </message>
    <message>
        <source>document seen</source>
        <translation>document ingezien</translation>
    </message>
    <message>
        <source>official source</source>
        <translation>officiële bron</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/jjjj</translation>
    </message>
    <message>
        <source>€ amount</source>
        <translation>bedrag in €</translation>
    </message>
    <message>
        <source>number</source>
        <translation>getal</translation>
    </message>
    <message>
        <source>Evidence for {fact}</source>
        <translation>Bewijs voor {fact}</translation>
    </message>
    <message>
        <source>write a date as dd/mm/yyyy</source>
        <translation>noteer de datum als dd/mm/jjjj</translation>
    </message>
    <message>
        <source>write a number, e.g. 21.400,50</source>
        <translation>geef een getal in, bv. 21.400,50</translation>
    </message>
    <message>
        <source>an income cannot be negative</source>
        <translation>een inkomen kan niet negatief zijn</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>kan niet negatief zijn</translation>
    </message>
    <message>
        <source>at least {minimum}</source>
        <translation>minstens {minimum}</translation>
    </message>
    <message>
        <source>at most {maximum}</source>
        <translation>hoogstens {maximum}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>R&amp;ight:</source>
        <translation>R&amp;echt:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Niveau:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Verstrekker:</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>&amp;Dossierbeheerder:</translation>
    </message>
    <message>
        <source>&amp;Sub-municipality:</source>
        <translation>Deel&amp;gemeente:</translation>
    </message>
    <message>
        <source>A&amp;ge:</source>
        <translation>&amp;Leeftijd:</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Huishouden:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Show &amp;all</source>
        <translation>&amp;Alle tonen</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Sociaal Huis — first administrator</source>
        <translation>Sociaal Huis — eerste beheerder</translation>
    </message>
    <message>
        <source>This database has no administrator yet. The administrator adds the other accounts.</source>
        <translation>Deze databank heeft nog geen beheerder. De beheerder maakt de andere accounts aan.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Function title:</source>
        <translation>&amp;Functie:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Herhaal het wachtwoord:</translation>
    </message>
    <message>
        <source>Also create &amp;demo accounts (same password)</source>
        <translation>Maak ook &amp;demo-accounts aan (zelfde wachtwoord)</translation>
    </message>
    <message>
        <source>For the intake desk, a social worker and a team lead; user names: {names}.</source>
        <translation>Voor onthaal, maatschappelijk werker en teamleider; gebruikersnamen: {names}.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Aanmaken</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
    <message>
        <source>An administrator exists already; log in instead.</source>
        <translation>Er is al een beheerder; meld u aan.</translation>
    </message>
    <message>
        <source>A demo account has this user name; choose another.</source>
        <translation>Een demo-account heeft deze gebruikersnaam; kies een andere.</translation>
    </message>
    <message>
        <source>The demo accounts get this password too: it may not be one of their user names.</source>
        <translation>De demo-accounts krijgen hetzelfde wachtwoord: het mag niet een van hun gebruikersnamen zijn.</translation>
    </message>
    <message>
        <source>Choose a user name of 2 to 80 characters: letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Kies een gebruikersnaam van 2 tot 80 tekens: letters, cijfers, &apos;.&apos;, &apos;_&apos; of &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Fill in the name.</source>
        <translation>Vul de naam in.</translation>
    </message>
    <message>
        <source>Fill in the function title; it is printed on letters.</source>
        <translation>Vul de functie in; die staat op de brieven.</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters and must differ from the user name.</source>
        <translation>Het wachtwoord telt minstens {minimum} tekens en verschilt van de gebruikersnaam.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Assign follow-up</source>
        <translation>Opvolging toewijzen</translation>
    </message>
    <message>
        <source>day/month/year</source>
        <translation>dag/maand/jaar</translation>
    </message>
    <message>
        <source>What should be checked or done</source>
        <translation>Wat moet er nagekeken of gedaan worden</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>&amp;Maatschappelijk werker:</translation>
    </message>
    <message>
        <source>&amp;Follow up by:</source>
        <translation>&amp;Opvolgen op:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notitie:</translation>
    </message>
    <message numerus="yes">
        <source>Follow-up for %n selected row(s).</source>
        <translation>
            <numerusform>Opvolging voor %n geselecteerde rij.</numerusform>
            <numerusform>Opvolging voor %n geselecteerde rijen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GiveConsentDialog</name>
    <message>
        <source>Register consent</source>
        <translation>Toestemming registreren</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>How the consent was given</source>
        <translation>Hoe de toestemming gegeven werd</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Gegeven op</translation>
    </message>
    <message>
        <source>P&amp;urpose:</source>
        <translation>&amp;Doel:</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Partner:</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>&amp;Hoe:</translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation>&amp;Gegeven op:</translation>
    </message>
    <message>
        <source>the partner organisation</source>
        <translation>de partnerorganisatie</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Identity</source>
        <translation>Identiteit</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Gezin</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>Inkomen</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Statuten</translation>
    </message>
    <message>
        <source>Handicap and care</source>
        <translation>Handicap en zorg</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Wonen</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>Mobiliteit</translation>
    </message>
    <message>
        <source>Debts</source>
        <translation>Schulden</translation>
    </message>
    <message>
        <source>applicant</source>
        <translation>aanvrager</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>child</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>other housemate</source>
        <translation>andere huisgenoot</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Frans</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Duits</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>a national register number has 11 digits</source>
        <translation>een rijksregisternummer heeft 11 cijfers</translation>
    </message>
    <message>
        <source>a national register number has only digits</source>
        <translation>een rijksregisternummer bevat alleen cijfers</translation>
    </message>
    <message>
        <source>the check digits do not match (typing error?)</source>
        <translation>de controlecijfers kloppen niet (tikfout?)</translation>
    </message>
    <message>
        <source>does not match the birth date</source>
        <translation>klopt niet met de geboortedatum</translation>
    </message>
    <message>
        <source>not a valid national register number</source>
        <translation>geen geldig rijksregisternummer</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/jjjj</translation>
    </message>
    <message>
        <source>yy.mm.dd-nnn.cc</source>
        <translation>jj.mm.dd-nnn.cc</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Toon</translation>
    </message>
    <message>
        <source>Remove {name} from the household</source>
        <translation>{name} uit het gezin verwijderen</translation>
    </message>
    <message>
        <source>Role of {member}</source>
        <translation>Rol van {member}</translation>
    </message>
    <message>
        <source>Given name of {member}</source>
        <translation>Voornaam van {member}</translation>
    </message>
    <message>
        <source>Family name of {member}</source>
        <translation>Familienaam van {member}</translation>
    </message>
    <message>
        <source>Birth date of {member}</source>
        <translation>Geboortedatum van {member}</translation>
    </message>
    <message>
        <source>National register number of {member}</source>
        <translation>Rijksregisternummer van {member}</translation>
    </message>
    <message>
        <source>Show the full national register number of {member}</source>
        <translation>Volledig rijksregisternummer van {member} tonen</translation>
    </message>
    <message>
        <source>Language of {member}</source>
        <translation>Taal van {member}</translation>
    </message>
    <message>
        <source>Show the full number (this is recorded)</source>
        <translation>Het volledige nummer tonen (dit wordt vastgelegd)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>S&amp;treet</source>
        <translation>&amp;Straat</translation>
    </message>
    <message>
        <source>N&amp;o.</source>
        <translation>&amp;Nr.</translation>
    </message>
    <message>
        <source>Bo&amp;x</source>
        <translation>B&amp;us</translation>
    </message>
    <message>
        <source>&amp;Deelgemeente</source>
        <translation>&amp;Deelgemeente</translation>
    </message>
    <message>
        <source>&amp;Postcode</source>
        <translation>Pos&amp;tcode</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Gezinsleden</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>Gezins&amp;lid toevoegen</translation>
    </message>
    <message>
        <source>Quick scan</source>
        <translation>Snelle scan</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situatie</translation>
    </message>
    <message>
        <source>Personal facts &amp;of:</source>
        <translation>Persoonl&amp;ijke gegevens van:</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Familienaam</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <source>National register number</source>
        <translation>Rijksregisternummer</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(nog geen naam)</translation>
    </message>
    <message>
        <source>member {number}</source>
        <translation>gezinslid {number}</translation>
    </message>
    <message>
        <source>Given name of {name} is required</source>
        <translation>Voornaam van {name} is verplicht</translation>
    </message>
    <message>
        <source>Family name of {name} is required</source>
        <translation>Familienaam van {name} is verplicht</translation>
    </message>
    <message>
        <source>Birth date of {name} lies in the future</source>
        <translation>Geboortedatum van {name} ligt in de toekomst</translation>
    </message>
    <message>
        <source>National register number of {name}: {problem}</source>
        <translation>Rijksregisternummer van {name}: {problem}</translation>
    </message>
    <message>
        <source>Birth date of {name}: write it as dd/mm/yyyy</source>
        <translation>Geboortedatum van {name}: noteer als dd/mm/jjjj</translation>
    </message>
    <message>
        <source>Street is required</source>
        <translation>Straat is verplicht</translation>
    </message>
    <message>
        <source>House number is required</source>
        <translation>Huisnummer is verplicht</translation>
    </message>
    <message>
        <source>A Belgian postcode has four digits</source>
        <translation>Een Belgische postcode heeft vier cijfers</translation>
    </message>
    <message>
        <source>follows from the address</source>
        <translation>volgt uit het adres</translation>
    </message>
    <message>
        <source>From the address: {facts}</source>
        <translation>Uit het adres: {facts}</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Sociaal Huis — locked</source>
        <translation>Sociaal Huis — vergrendeld</translation>
    </message>
</context>
<context>
    <name>ImpactTab</name>
    <message>
        <source>gains</source>
        <translation>krijgt recht</translation>
    </message>
    <message>
        <source>loses</source>
        <translation>verliest recht</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>wijzigt</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>heeft recht</translation>
    </message>
    <message>
        <source>possibly eligible</source>
        <translation>mogelijk recht</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>geen recht</translation>
    </message>
    <message>
        <source>already receives</source>
        <translation>ontvangt al</translation>
    </message>
    <message>
        <source>not in the catalog</source>
        <translation>niet in de catalogus</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Recht</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>With the other catalog</source>
        <translation>Met de andere catalogus</translation>
    </message>
    <message>
        <source>Folder of the other catalog</source>
        <translation>Map van de andere catalogus</translation>
    </message>
    <message>
        <source>&amp;Choose folder…</source>
        <translation>Map &amp;kiezen…</translation>
    </message>
    <message>
        <source>day/month/year</source>
        <translation>dag/maand/jaar</translation>
    </message>
    <message>
        <source>C&amp;ompare</source>
        <translation>Ve&amp;rgelijken</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>Choose the folder of another catalog version and a date, then Compare.</source>
        <translation>Kies de map van een andere catalogusversie en een datum, en klik dan op Vergelijken.</translation>
    </message>
    <message>
        <source>Impact per right</source>
        <translation>Impact per recht</translation>
    </message>
    <message>
        <source>Other &amp;catalog:</source>
        <translation>Andere &amp;catalogus:</translation>
    </message>
    <message>
        <source>On &amp;date:</source>
        <translation>&amp;Peildatum:</translation>
    </message>
    <message>
        <source>Choose a catalog folder</source>
        <translation>Kies een catalogusmap</translation>
    </message>
    <message>
        <source>Choose an existing catalog folder first.</source>
        <translation>Kies eerst een bestaande catalogusmap.</translation>
    </message>
    <message>
        <source>Your role may not view the non-take-up review.</source>
        <translation>Uw rol mag de onderbescherming niet bekijken.</translation>
    </message>
    <message numerus="yes">
        <source>The catalog in this folder does not load (%n error(s)):</source>
        <translation>
            <numerusform>De catalogus in deze map laadt niet (%n fout):</numerusform>
            <numerusform>De catalogus in deze map laadt niet (%n fouten):</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalog %1 → %2 on %3: %4 households evaluated.</source>
        <translation>Catalogus %1 → %2 op %3: %4 gezinnen nagekeken.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln right(s) gained</source>
        <translation>
            <numerusform>%Ln keer een recht erbij</numerusform>
            <numerusform>%Ln keer een recht erbij</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln right(s) lost</source>
        <translation>
            <numerusform>%Ln keer een recht verloren</numerusform>
            <numerusform>%Ln keer een recht verloren</numerusform>
        </translation>
    </message>
    <message>
        <source>New rights: %1</source>
        <translation>Nieuwe rechten in de catalogus: %1</translation>
    </message>
    <message>
        <source>Rights dropped: %1</source>
        <translation>Rechten die verdwijnen: %1</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>Vergelijking exporteren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json);;Text (*.txt)</source>
        <translation>CSV (*.csv);;JSON (*.json);;Tekst (*.txt)</translation>
    </message>
    <message>
        <source>The file could not be written there.</source>
        <translation>Het bestand kon daar niet worden opgeslagen.</translation>
    </message>
    <message>
        <source>Catalog impact</source>
        <translation>Impact van een cataloguswijziging</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>draft</source>
        <translation>ontwerp</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>verstuurd</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ontvangen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aanvaard</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>afgerond</translation>
    </message>
    <message>
        <source>client did not come</source>
        <translation>cliënt niet gekomen</translation>
    </message>
    <message>
        <source>Intake conversations (internal)</source>
        <translation>Onthaalgesprekken (intern)</translation>
    </message>
    <message>
        <source>Intake conversations</source>
        <translation>Onthaalgesprekken</translation>
    </message>
    <message>
        <source>New con&amp;versation…</source>
        <translation>Nieuw &amp;gesprek…</translation>
    </message>
    <message>
        <source>consent: {partners}</source>
        <translation>toestemming: {partners}</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Doorverwijzingen</translation>
    </message>
    <message>
        <source>Next &amp;status…</source>
        <translation>Volgende st&amp;atus…</translation>
    </message>
    <message>
        <source>Partner&apos;s re&amp;ply…</source>
        <translation>Antwoord partner re&amp;gistreren…</translation>
    </message>
    <message>
        <source>, follow up on {date}</source>
        <translation>, op te volgen op {date}</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Doorverwijzing</translation>
    </message>
    <message>
        <source>This referral is closed.</source>
        <translation>Deze doorverwijzing is afgesloten.</translation>
    </message>
    <message>
        <source>Referral {reference}</source>
        <translation>Doorverwijzing {reference}</translation>
    </message>
    <message>
        <source>New status:</source>
        <translation>Nieuwe status:</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Niet gewijzigd</translation>
    </message>
    <message>
        <source>This referral was not sent: there is no reply yet.</source>
        <translation>Deze doorverwijzing is niet verstuurd: er is nog geen antwoord.</translation>
    </message>
    <message>
        <source>Questions that matter</source>
        <translation>Vragen die het verschil maken</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>Rechten</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gesprekken</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Toestemmingen</translation>
    </message>
    <message>
        <source>Client view: other clients and internal notes are hidden. Press F9 to return.</source>
        <translation>Cliëntweergave: andere cliënten en interne nota&apos;s zijn verborgen. Druk op F9 om terug te keren.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Save the household (Ctrl+S)</source>
        <translation>Het gezin opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Rights overview for the client</source>
        <translation>Overzicht van rechten voor de cliënt</translation>
    </message>
    <message>
        <source>{figure} (figure of {since}, out of date since {lapsed})</source>
        <translation>{figure} (bedrag van {since}, mogelijk verouderd sinds {lapsed})</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nieuwe cliënt</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>Not saved: {problems}</source>
        <translation>Niet opgeslagen: {problems}</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>Opslaan lukt nog niet</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Familienaam</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <source>National register number</source>
        <translation>Rijksregisternummer</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>is verplicht</translation>
    </message>
    <message>
        <source>lies in the future</source>
        <translation>ligt in de toekomst</translation>
    </message>
    <message>
        <source>a Belgian postcode has four digits</source>
        <translation>moet vier cijfers hebben</translation>
    </message>
    <message>
        <source>a household has exactly one applicant</source>
        <translation>heeft precies één aanvrager nodig</translation>
    </message>
    <message>
        <source>is already registered for another person</source>
        <translation>is al geregistreerd voor iemand anders</translation>
    </message>
    <message>
        <source>This household</source>
        <translation>Dit gezin</translation>
    </message>
    <message>
        <source>member {number}</source>
        <translation>gezinslid {number}</translation>
    </message>
    <message>
        <source>{field} of {name}</source>
        <translation>{field} van {name}</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>is niet geldig</translation>
    </message>
    <message>
        <source>Save the changes to this household first?</source>
        <translation>Eerst de wijzigingen aan dit gezin opslaan?</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Niet geregistreerd</translation>
    </message>
    <message>
        <source>Not referred</source>
        <translation>Niet doorverwezen</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Doorverwezen</translation>
    </message>
    <message>
        <source>The referral {reference} is recorded without a letter: a letter with client data needs a partner bound by professional secrecy and the client&apos;s consent.</source>
        <translation>De doorverwijzing {reference} is geregistreerd zonder brief: een brief met gegevens van de cliënt kan alleen naar een partner met beroepsgeheim en met toestemming van de cliënt.</translation>
    </message>
    <message>
        <source>Referral letter {reference}</source>
        <translation>Verwijsbrief {reference}</translation>
    </message>
    <message>
        <source>Referred to {partner} ({reference})</source>
        <translation>Doorverwezen naar {partner} ({reference})</translation>
    </message>
</context>
<context>
    <name>LetterPreview</name>
    <message>
        <source>Page {number}</source>
        <translation>Pagina {number}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Afdrukken…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Opslaan als P&amp;DF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>The printer is not ready.</source>
        <translation>De printer is niet klaar.</translation>
    </message>
    <message>
        <source>Save letter</source>
        <translation>Brief opslaan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Kon {path} niet opslaan: {reason}</translation>
    </message>
</context>
<context>
    <name>LetterheadDialog</name>
    <message>
        <source>Letterhead of the Sociaal Huis</source>
        <translation>Briefhoofd van het Sociaal Huis</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>&amp;Logo kiezen…</translation>
    </message>
    <message>
        <source>&amp;Remove logo</source>
        <translation>Logo &amp;verwijderen</translation>
    </message>
    <message>
        <source>Every letter printed from now on names this sender. Partners answer to the e-mail address and phone number given here.</source>
        <translation>Elke brief die vanaf nu wordt afgedrukt, vermeldt deze afzender. Partners antwoorden op het e-mailadres en telefoonnummer dat u hier invult.</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisatie:</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Address (one line each, at most %n):</source>
        <translation>
            <numerusform>&amp;Adres (één regel per lijn, hoogstens %n):</numerusform>
            <numerusform>&amp;Adres (één regel per lijn, hoogstens %n):</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefoon:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <source>Opening &amp;hours:</source>
        <translation>Openings&amp;uren:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Kies een logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>No logo: letters show the name only.</source>
        <translation>Geen logo: de brieven tonen alleen de naam.</translation>
    </message>
    <message numerus="yes">
        <source>the file is larger than %n KB</source>
        <translation>
            <numerusform>het bestand is groter dan %n kB</numerusform>
            <numerusform>het bestand is groter dan %n kB</numerusform>
        </translation>
    </message>
    <message>
        <source>the image is too small, too large or too wide for a letterhead</source>
        <translation>de afbeelding is te klein, te groot of te breed voor een briefhoofd</translation>
    </message>
    <message>
        <source>the file cannot be opened</source>
        <translation>het bestand kan niet geopend worden</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>het bestand is leeg</translation>
    </message>
    <message>
        <source>this is not a PNG or JPEG image, or the file is damaged</source>
        <translation>dit is geen PNG- of JPEG-afbeelding, of het bestand is beschadigd</translation>
    </message>
    <message>
        <source>Logo {file}: {hint}.</source>
        <translation>Logo {file}: {hint}.</translation>
    </message>
    <message>
        <source>Another administrator changed the letterhead in the meantime. Close this window and open it again to see their version.</source>
        <translation>Een andere beheerder heeft het briefhoofd intussen gewijzigd. Sluit dit venster en open het opnieuw om die versie te zien.</translation>
    </message>
    <message>
        <source>Only an administrator may change the letterhead.</source>
        <translation>Alleen een beheerder mag het briefhoofd wijzigen.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Openingsuren</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message numerus="yes">
        <source>the name is required (at most %n characters)</source>
        <translation>
            <numerusform>de naam is verplicht (hoogstens %n teken)</numerusform>
            <numerusform>de naam is verplicht (hoogstens %n tekens)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most %n lines of at most 80 characters, without tabs</source>
        <translation>
            <numerusform>hoogstens %n regel van hoogstens 80 tekens, zonder tabs</numerusform>
            <numerusform>hoogstens %n regels van hoogstens 80 tekens, zonder tabs</numerusform>
        </translation>
    </message>
    <message>
        <source>only digits, spaces and + ( ) . / -</source>
        <translation>alleen cijfers, spaties en + ( ) . / -</translation>
    </message>
    <message>
        <source>this is not an e-mail address (name@domain.be)</source>
        <translation>dit is geen e-mailadres (naam@domein.be)</translation>
    </message>
    <message>
        <source>this is not a web address (www.herent.be)</source>
        <translation>dit is geen webadres (www.herent.be)</translation>
    </message>
    <message>
        <source>{field}: {hint}.</source>
        <translation>{field}: {hint}.</translation>
    </message>
</context>
<context>
    <name>LettersArchive</name>
    <message>
        <source>Letters of this client</source>
        <translation>Brieven van deze cliënt</translation>
    </message>
    <message>
        <source>referral letter</source>
        <translation>verwijsbrief</translation>
    </message>
    <message>
        <source>rights overview</source>
        <translation>overzicht van rechten</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Brieven</translation>
    </message>
    <message>
        <source>No letters printed for this client yet.</source>
        <translation>Nog geen brieven afgedrukt voor deze cliënt.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sociaal Huis — log in</source>
        <translation>Sociaal Huis — aanmelden</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Aanmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>As administrator you work from the Management menu.</source>
        <translation>Als beheerder werkt u vanuit het menu Beheer.</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>Database: {location}</translation>
    </message>
    <message>
        <source>Sociaal Huis {site} — DEMO DATA</source>
        <translation>Sociaal Huis {site} — DEMOGEGEVENS</translation>
    </message>
    <message>
        <source>Sociaal Huis {site}</source>
        <translation>Sociaal Huis {site}</translation>
    </message>
    <message>
        <source>Intake and rights desk</source>
        <translation>Onthaal en rechtenonderzoek</translation>
    </message>
    <message>
        <source>Demo data: the households in this database are invented. Do not record real clients here.</source>
        <translation>Demogegevens: de gezinnen in deze database zijn verzonnen. Registreer hier geen echte cliënten.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Households:</source>
        <translation>Gezinnen:</translation>
    </message>
    <message>
        <source>Logged in as:</source>
        <translation>Aangemeld als:</translation>
    </message>
    <message>
        <source>{username}, {role}</source>
        <translation>{username}, {role}</translation>
    </message>
    <message>
        <source>{name} ({username}), {role}</source>
        <translation>{name} ({username}), {role}</translation>
    </message>
    <message>
        <source>intake desk worker</source>
        <translation>onthaalmedewerker</translation>
    </message>
    <message>
        <source>social worker</source>
        <translation>maatschappelijk werker</translation>
    </message>
    <message>
        <source>team lead</source>
        <translation>teamverantwoordelijke</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>beheerder</translation>
    </message>
    <message>
        <source>system</source>
        <translation>systeem</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;About Sociaal Huis</source>
        <translation>&amp;Over Sociaal Huis</translation>
    </message>
    <message>
        <source>&amp;Find a client</source>
        <translation>Cliënt &amp;zoeken</translation>
    </message>
    <message>
        <source>&amp;New client</source>
        <translation>&amp;Nieuwe cliënt</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Record &amp;decision…</source>
        <translation>&amp;Beslissing registreren…</translation>
    </message>
    <message>
        <source>Re&amp;fer…</source>
        <translation>Door&amp;verwijzen…</translation>
    </message>
    <message>
        <source>Rights &amp;overview for the client…</source>
        <translation>&amp;Overzicht van rechten voor de cliënt…</translation>
    </message>
    <message>
        <source>&amp;Sociale kaart…</source>
        <translation>&amp;Sociale kaart…</translation>
    </message>
    <message>
        <source>O&amp;verdue referrals…</source>
        <translation>&amp;Achterstallige doorverwijzingen…</translation>
    </message>
    <message>
        <source>&amp;Back from partners…</source>
        <translation>&amp;Terug van partners…</translation>
    </message>
    <message>
        <source>&amp;Import partner replies…</source>
        <translation>Antwoorden van partners &amp;importeren…</translation>
    </message>
    <message>
        <source>Le&amp;tters…</source>
        <translation>Br&amp;ieven…</translation>
    </message>
    <message>
        <source>New con&amp;versation…</source>
        <translation>Nieuw &amp;gesprek…</translation>
    </message>
    <message>
        <source>&amp;Consents…</source>
        <translation>&amp;Toestemmingen…</translation>
    </message>
    <message>
        <source>Export client data (&amp;access request)…</source>
        <translation>Gegevens uitvoeren (in&amp;zage)…</translation>
    </message>
    <message>
        <source>&amp;Quick scan</source>
        <translation>&amp;Snelle scan</translation>
    </message>
    <message>
        <source>&amp;Full intake</source>
        <translation>&amp;Volledige intake</translation>
    </message>
    <message>
        <source>Next &amp;question</source>
        <translation>Volgende &amp;vraag</translation>
    </message>
    <message>
        <source>&amp;Rights</source>
        <translation>&amp;Rechten</translation>
    </message>
    <message>
        <source>C&amp;lient view</source>
        <translation>Cliënt&amp;weergave</translation>
    </message>
    <message>
        <source>Screen all &amp;households…</source>
        <translation>Screening van alle &amp;gezinnen…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Client</source>
        <translation>&amp;Cliënt</translation>
    </message>
    <message>
        <source>&amp;Partners</source>
        <translation>&amp;Partners</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>B&amp;eeld</translation>
    </message>
    <message>
        <source>High &amp;contrast</source>
        <translation>Hoog &amp;contrast</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Niet gevonden</translation>
    </message>
    <message>
        <source>This household no longer exists.</source>
        <translation>Dit gezin bestaat niet meer.</translation>
    </message>
    <message>
        <source>follow up on {date}</source>
        <translation>opvolgen op {date}</translation>
    </message>
    <message>
        <source>No referral is overdue.</source>
        <translation>Geen enkele doorverwijzing is achterstallig.</translation>
    </message>
    <message>
        <source>Overdue referrals</source>
        <translation>Achterstallige doorverwijzingen</translation>
    </message>
    <message>
        <source>Conflicts: {count}</source>
        <translation>Conflicten: {count}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sociaal Huis {site}&lt;/h3&gt;&lt;p&gt;Intake and rights desk, version {version}.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sociaal Huis {site}&lt;/h3&gt;&lt;p&gt;Onthaal en rechtenonderzoek, versie {version}.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Sociaal Huis</source>
        <translation>Over Sociaal Huis</translation>
    </message>
    <message>
        <source>This case is assigned to a colleague. Nothing was changed. Open it again from the search list to give a reason for opening it.</source>
        <translation>Dit dossier is toegewezen aan een collega. Er werd niets gewijzigd. Open het opnieuw vanuit de zoeklijst om een reden op te geven waarom u het opent.</translation>
    </message>
    <message>
        <source>Your account has been switched off, so Sociaal Huis refused this. Nothing was changed. Ask an administrator if this is a mistake.</source>
        <translation>Uw account werd uitgeschakeld, daarom weigerde Sociaal Huis dit. Er werd niets gewijzigd. Vraag een beheerder om hulp als dit een vergissing is.</translation>
    </message>
    <message>
        <source>Your role has been changed to {role}. Sociaal Huis refused this because you are still logged in with your old role. Nothing was changed. Close Sociaal Huis and log in again.</source>
        <translation>Uw rol werd gewijzigd naar {role}. Sociaal Huis weigerde dit omdat u nog aangemeld bent met uw vorige rol. Er werd niets gewijzigd. Sluit Sociaal Huis en meld u opnieuw aan.</translation>
    </message>
    <message>
        <source>As {role} you may not do this. Nothing was changed. Ask a colleague or a team lead if it has to be done.</source>
        <translation>Als {role} mag u dit niet doen. Er werd niets gewijzigd. Vraag het aan een collega of een teamleider als het toch moet gebeuren.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Niet toegestaan</translation>
    </message>
</context>
<context>
    <name>Management</name>
    <message>
        <source>&amp;Non-take-up review…</source>
        <translation>&amp;Onderbescherming…</translation>
    </message>
    <message>
        <source>&amp;Granting rounds…</source>
        <translation>&amp;Toekenningsrondes…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Audittrail…</translation>
    </message>
    <message>
        <source>&amp;Break-glass accesses…</source>
        <translation>&amp;Noodtoegang (break-glass)…</translation>
    </message>
    <message>
        <source>A&amp;ccounts…</source>
        <translation>A&amp;ccounts…</translation>
    </message>
    <message>
        <source>&amp;Letterhead…</source>
        <translation>&amp;Briefhoofd…</translation>
    </message>
    <message>
        <source>Read in o&amp;fficial statuses…</source>
        <translation>O&amp;fficiële statussen inlezen…</translation>
    </message>
    <message>
        <source>&amp;Sync conflicts…</source>
        <translation>&amp;Synchronisatieconflicten…</translation>
    </message>
    <message>
        <source>S&amp;ynchronise…</source>
        <translation>S&amp;ynchroniseren…</translation>
    </message>
    <message>
        <source>&amp;Management</source>
        <translation>Behee&amp;r</translation>
    </message>
</context>
<context>
    <name>NoteCheck</name>
    <message>
        <source>The note holds invisible control characters.</source>
        <translation>De nota bevat onzichtbare stuurtekens.</translation>
    </message>
    <message>
        <source>A note has at most {count} characters.</source>
        <translation>Een nota heeft hoogstens {count} tekens.</translation>
    </message>
</context>
<context>
    <name>PartnerForm</name>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Full name or abbreviation (optional)</source>
        <translation>Volledige naam of afkorting (niet verplicht)</translation>
    </message>
    <message>
        <source>What they do and for whom</source>
        <translation>Wat ze doen en voor wie</translation>
    </message>
    <message>
        <source>e.g. onthaal@partner.be</source>
        <translation>bv. onthaal@partner.be</translation>
    </message>
    <message>
        <source>e.g. 016 29 77 00</source>
        <translation>bv. 016 29 77 00</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Street and number, postcode and municipality</source>
        <translation>Straat en nummer, postcode en gemeente</translation>
    </message>
    <message>
        <source>&amp;Bound by professional secrecy</source>
        <translation>&amp;Gebonden door het beroepsgeheim</translation>
    </message>
    <message>
        <source>Tick only when the partner&apos;s workers are bound by professional secrecy (art. 458 Criminal Code). Only then can a referral letter with client data go to this partner, with the client&apos;s consent.</source>
        <translation>Vink alleen aan als de medewerkers van de partner gebonden zijn door het beroepsgeheim (art. 458 Strafwetboek). Alleen dan kan een verwijsbrief met gegevens van de cliënt naar deze partner gaan, met toestemming van de cliënt.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Other name:</source>
        <translation>&amp;Andere naam:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschrijving:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Tele&amp;foon:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>Webs&amp;ite:</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Ad&amp;res:</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sociaal Huis — encrypted database</source>
        <translation>Sociaal Huis — versleutelde database</translation>
    </message>
    <message>
        <source>This database is encrypted. Enter its passphrase to open it.</source>
        <translation>Deze database is versleuteld. Geef haar wachtzin om ze te openen.</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>Database: {location}</translation>
    </message>
    <message>
        <source>Forgotten? The security officer can set a new passphrase with the recovery key.</source>
        <translation>Vergeten? De veiligheidsconsulent kan met de herstelsleutel een nieuwe wachtzin instellen.</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Wachtzin:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase is wrong. %n attempt(s) left.</source>
        <translation>
            <numerusform>De wachtzin is onjuist. Nog %n poging.</numerusform>
            <numerusform>De wachtzin is onjuist. Nog %n pogingen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for {user}</source>
        <translation>Nieuw wachtwoord voor {user}</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>&amp;Herhaal wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Set</source>
        <translation>&amp;Instellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>PrivacyBox</name>
    <message>
        <source>verbal</source>
        <translation>mondeling</translation>
    </message>
    <message>
        <source>written</source>
        <translation>schriftelijk</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Toestemmingen</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Gegeven op</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hoe</translation>
    </message>
    <message>
        <source>Consents in force</source>
        <translation>Geldende toestemmingen</translation>
    </message>
    <message>
        <source>Re&amp;gister consent…</source>
        <translation>Toestemming re&amp;gistreren…</translation>
    </message>
    <message>
        <source>Wit&amp;hdraw…</source>
        <translation>Intre&amp;kken…</translation>
    </message>
    <message>
        <source>E&amp;xport client data…</source>
        <translation>Gegevens uit&amp;voeren (inzage)…</translation>
    </message>
    <message>
        <source>Close the &amp;file…</source>
        <translation>Dossier a&amp;fsluiten…</translation>
    </message>
    <message>
        <source>The date is not a date (dd/mm/yyyy).</source>
        <translation>De datum is geen datum (dd/mm/jjjj).</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Toestemming intrekken</translation>
    </message>
    <message>
        <source>Record that the client withdraws the consent “{purpose}” for {partner} from today? Referrals resting on it will be refused.</source>
        <translation>Registreren dat de cliënt de toestemming “{purpose}” voor {partner} vanaf vandaag intrekt? Doorverwijzingen die erop steunen, worden dan geweigerd.</translation>
    </message>
    <message>
        <source>Folder for the export</source>
        <translation>Map voor de uitvoer</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Niet uitgevoerd</translation>
    </message>
    <message>
        <source>Client data exported</source>
        <translation>Gegevens van de cliënt uitgevoerd</translation>
    </message>
    <message>
        <source>The data and a summary for the client (PDF) are in {folder}.</source>
        <translation>De gegevens en een overzicht voor de cliënt (PDF) staan in {folder}.</translation>
    </message>
    <message>
        <source>Close the file</source>
        <translation>Dossier afsluiten</translation>
    </message>
    <message>
        <source>Close this household&apos;s file today? After the retention period it will be anonymised; a new conversation, decision or referral reopens it.</source>
        <translation>Het dossier van dit gezin vandaag afsluiten? Na de ingestelde termijn wordt het geanonimiseerd; een nieuw gesprek, een beslissing of een doorverwijzing heropent het.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Niet geregistreerd</translation>
    </message>
</context>
<context>
    <name>QtCheck</name>
    <message>
        <source>PySide6 {pyside} on Python {python} loses references to None, True and False and makes Sociaal Huis crash after a while. Install a PySide6 below 6.12 (pip install &quot;PySide6-Essentials&gt;=6.8,&lt;6.12&quot;; 6.11.3 is known to work) or use Python 3.12 or newer.</source>
        <translation>PySide6 {pyside} met Python {python} verliest verwijzingen naar None, True en False, waardoor Sociaal Huis na een tijd vastloopt. Installeer een PySide6 onder 6.12 (pip install &quot;PySide6-Essentials&gt;=6.8,&lt;6.12&quot;; 6.11.3 werkt zeker) of gebruik Python 3.12 of nieuwer.</translation>
    </message>
</context>
<context>
    <name>QuestionsPanel</name>
    <message numerus="yes">
        <source>Could settle %n right(s)</source>
        <translation>
            <numerusform>Kan uitsluitsel geven over %n recht</numerusform>
            <numerusform>Kan uitsluitsel geven over %n rechten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ask next (%n open question(s)):</source>
        <translation>
            <numerusform>Nu te vragen (%n open vraag):</numerusform>
            <numerusform>Nu te vragen (%n open vragen):</numerusform>
        </translation>
    </message>
    <message>
        <source>No open questions: every right is settled.</source>
        <translation>Geen open vragen: voor elk recht is er uitsluitsel.</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Refer {right}</source>
        <translation>Doorverwijzen voor {right}</translation>
    </message>
    <message>
        <source>Refer the client</source>
        <translation>De cliënt doorverwijzen</translation>
    </message>
    <message>
        <source>Type part of the partner&apos;s name</source>
        <translation>Typ een deel van de naam van de partner</translation>
    </message>
    <message>
        <source>Partners found</source>
        <translation>Gevonden partners</translation>
    </message>
    <message>
        <source>Application for {right}</source>
        <translation>Aanvraag {right}</translation>
    </message>
    <message>
        <source>Facts to share</source>
        <translation>Te delen gegevens</translation>
    </message>
    <message>
        <source>Why does the partner need more than the minimum?</source>
        <translation>Waarom heeft de partner meer nodig dan het minimum?</translation>
    </message>
    <message>
        <source>Reason for &amp;more facts:</source>
        <translation>Reden voor &amp;meer gegevens:</translation>
    </message>
    <message>
        <source>Record &amp;consent…</source>
        <translation>&amp;Toestemming registreren…</translation>
    </message>
    <message>
        <source>dd/mm/yyyy (optional)</source>
        <translation>dd/mm/jjjj (niet verplicht)</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Partner:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>&amp;Facts to share:</source>
        <translation>Te delen &amp;gegevens:</translation>
    </message>
    <message>
        <source>C&amp;onsent:</source>
        <translation>T&amp;oestemming:</translation>
    </message>
    <message>
        <source>Follow &amp;up on:</source>
        <translation>Opvolgen &amp;op:</translation>
    </message>
    <message>
        <source>Refer and &amp;print</source>
        <translation>Doorverwijzen en af&amp;drukken</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Bound by professional secrecy: client facts may be shared with the client&apos;s consent.</source>
        <translation>Gebonden door het beroepsgeheim: gegevens van de cliënt mogen gedeeld worden met toestemming van de cliënt.</translation>
    </message>
    <message>
        <source>Not bound by professional secrecy: no client facts can be shared; refer without facts.</source>
        <translation>Niet gebonden door het beroepsgeheim: er kunnen geen gegevens van de cliënt gedeeld worden; verwijs door zonder gegevens.</translation>
    </message>
    <message>
        <source>{purpose}, given on {date}</source>
        <translation>{purpose}, gegeven op {date}</translation>
    </message>
    <message>
        <source>No consent recorded for this partner yet.</source>
        <translation>Nog geen toestemming geregistreerd voor deze partner.</translation>
    </message>
    <message>
        <source>Choose the partner.</source>
        <translation>Kies de partner.</translation>
    </message>
    <message>
        <source>Write down the reason.</source>
        <translation>Noteer de reden.</translation>
    </message>
    <message>
        <source>More facts are ticked than the partner needs for this right: say why, or untick them.</source>
        <translation>Er zijn meer gegevens aangevinkt dan de partner voor dit recht nodig heeft: zeg waarom, of vink ze uit.</translation>
    </message>
    <message>
        <source>This partner is not bound by professional secrecy: untick the facts.</source>
        <translation>Deze partner is niet gebonden door het beroepsgeheim: vink de gegevens uit.</translation>
    </message>
    <message>
        <source>Facts are shared only with the client&apos;s consent: record it first.</source>
        <translation>Gegevens worden alleen gedeeld met toestemming van de cliënt: registreer die eerst.</translation>
    </message>
    <message>
        <source>Write dates as dd/mm/yyyy, e.g. 22/11/2026.</source>
        <translation>Noteer datums als dd/mm/jjjj, bv. 22/11/2026.</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Te veel mislukte pogingen. Probeer opnieuw over %n minuut.</numerusform>
            <numerusform>Te veel mislukte pogingen. Probeer opnieuw over %n minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account is switched off. Ask an administrator to switch it on.</source>
        <translation>Dit account is uitgeschakeld. Vraag een beheerder om het opnieuw te activeren.</translation>
    </message>
    <message>
        <source>User name or password is wrong.</source>
        <translation>Gebruikersnaam of wachtwoord klopt niet.</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>accepted</source>
        <translation>aanvaard</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <source>client did not come</source>
        <translation>cliënt niet gekomen</translation>
    </message>
    <message>
        <source>client helped</source>
        <translation>cliënt geholpen</translation>
    </message>
    <message>
        <source>Partner&apos;s reply to {reference}</source>
        <translation>Antwoord partner op {reference}</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Required when the partner declined</source>
        <translation>Verplicht als de partner weigerde</translation>
    </message>
    <message>
        <source>Why the partner declined (required when declined)</source>
        <translation>Waarom de partner weigerde (verplicht bij een weigering)</translation>
    </message>
    <message>
        <source>Date of the reply</source>
        <translation>Datum van het antwoord</translation>
    </message>
    <message>
        <source>Day/month/year; not in the future, not before the referral was sent</source>
        <translation>Dag/maand/jaar; niet in de toekomst, niet vóór de doorverwijzing verstuurd werd</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Uitkomst:</translation>
    </message>
    <message>
        <source>&amp;Date of the reply:</source>
        <translation>&amp;Datum van het antwoord:</translation>
    </message>
    <message>
        <source>{partner}, sent on {date}.</source>
        <translation>{partner}, verstuurd op {date}.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Corrects the reply recorded before: {outcome}.</source>
        <translation>Verbetert het eerder geregistreerde antwoord: {outcome}.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Reden (verplicht):</translation>
    </message>
    <message>
        <source>Say why the partner declined: the reason is required.</source>
        <translation>Zeg waarom de partner weigerde: de reden is verplicht.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {count} characters).</source>
        <translation>De reden is te lang (hoogstens {count} tekens).</translation>
    </message>
</context>
<context>
    <name>ReplyRatesTab</name>
    <message>
        <source>Days without reply</source>
        <translation>Termijn zonder antwoord</translation>
    </message>
    <message>
        <source>A referral unanswered for longer counts as no reply</source>
        <translation>Een doorverwijzing die langer onbeantwoord blijft, telt als geen antwoord</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>&amp;Days without reply:</source>
        <translation>Termijn &amp;zonder antwoord:</translation>
    </message>
    <message>
        <source>Reply rates per partner</source>
        <translation>Antwoordgraad per partner</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Verstuurd</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwoord</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aanvaard</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Geweigerd</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Niet gekomen</translation>
    </message>
    <message>
        <source>Helped</source>
        <translation>Geholpen</translation>
    </message>
    <message>
        <source>No reply</source>
        <translation>Geen antwoord</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <source>Reply rate</source>
        <translation>Antwoordgraad</translation>
    </message>
    <message>
        <source>Median days</source>
        <translation>Mediaan dagen</translation>
    </message>
    <message>
        <source>The reply rates could not be read.</source>
        <translation>De antwoordgraad kon niet gelezen worden.</translation>
    </message>
    <message>
        <source>{replied} of {sent} referrals answered, all partners together.</source>
        <translation>{replied} van {sent} doorverwijzingen beantwoord, alle partners samen.</translation>
    </message>
    <message>
        <source>No referral was sent yet.</source>
        <translation>Er werd nog geen doorverwijzing verstuurd.</translation>
    </message>
</context>
<context>
    <name>ReturnedDialog</name>
    <message>
        <source>Back from partners</source>
        <translation>Terug van partners</translation>
    </message>
    <message>
        <source>Referrals back from partners</source>
        <translation>Doorverwijzingen terug van partners</translation>
    </message>
    <message>
        <source>&amp;Referrals the partner declined or the client did not go to:</source>
        <translation>&amp;Doorverwijzingen die de partner weigerde of waar de cliënt niet kwam:</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>Dossier &amp;openen</translation>
    </message>
    <message>
        <source>Mark &amp;handled…</source>
        <translation>Als &amp;afgehandeld markeren…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Back with you: declined by {partner} — {reason}</source>
        <translation>Terug bij jou: geweigerd door {partner} — {reason}</translation>
    </message>
    <message>
        <source>Back with you: client did not go to {partner}</source>
        <translation>Terug bij jou: cliënt niet gekomen bij {partner}</translation>
    </message>
    <message>
        <source>Nothing came back from partners.</source>
        <translation>Er kwam niets terug van partners.</translation>
    </message>
    <message>
        <source>Mark handled</source>
        <translation>Als afgehandeld markeren</translation>
    </message>
    <message>
        <source>What was done (optional):</source>
        <translation>Wat werd gedaan (niet verplicht):</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Niet gewijzigd</translation>
    </message>
    <message>
        <source>Import partner replies</source>
        <translation>Antwoorden van partners importeren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-bestanden (*.csv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… en nog {count}</translation>
    </message>
    <message>
        <source>The file was not imported; nothing was changed.</source>
        <translation>Het bestand werd niet geïmporteerd; er werd niets gewijzigd.</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>geregistreerd</translation>
    </message>
    <message>
        <source>unknown reference</source>
        <translation>onbekende referentie</translation>
    </message>
    <message>
        <source>already recorded</source>
        <translation>al geregistreerd</translation>
    </message>
    <message>
        <source>Line {line}: {reference}: {result}</source>
        <translation>Regel {line}: {reference}: {result}</translation>
    </message>
    <message>
        <source>{matched} recorded, {unknown} unknown reference(s), {already} already recorded.</source>
        <translation>{matched} geregistreerd, {unknown} onbekende referentie(s), {already} al geregistreerd.</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>Federal</source>
        <translation>Federaal</translation>
    </message>
    <message>
        <source>Flemish</source>
        <translation>Vlaams</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>Provinciaal</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokaal</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <source>Sub-municipality</source>
        <translation>Deelgemeente</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Recht</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Verstrekker</translation>
    </message>
    <message>
        <source>Value/year</source>
        <translation>Waarde/jaar</translation>
    </message>
    <message>
        <source>Case worker</source>
        <translation>Dossierbeheerder</translation>
    </message>
    <message>
        <source>Open questions / follow-up</source>
        <translation>Open vragen / opvolging</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(niemand)</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Eligible, no decision</source>
        <translation>Recht, geen beslissing</translation>
    </message>
    <message>
        <source>Possibly eligible, questions open</source>
        <translation>Mogelijk recht, vragen open</translation>
    </message>
    <message>
        <source>Follow-up date passed</source>
        <translation>Opvolgdatum verstreken</translation>
    </message>
    <message>
        <source>single</source>
        <translation>alleenstaande</translation>
    </message>
    <message>
        <source>couple without children</source>
        <translation>koppel zonder kinderen</translation>
    </message>
    <message>
        <source>single parent</source>
        <translation>alleenstaande ouder</translation>
    </message>
    <message>
        <source>couple with children</source>
        <translation>koppel met kinderen</translation>
    </message>
    <message>
        <source>other</source>
        <translation>ander</translation>
    </message>
    <message>
        <source>Non-take-up review</source>
        <translation>Onderbescherming</translation>
    </message>
    <message>
        <source>Households to review</source>
        <translation>Te bekijken gezinnen</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Gezinnen</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>Dossier &amp;openen</translation>
    </message>
    <message>
        <source>Assign &amp;follow-up…</source>
        <translation>Opvolging toe&amp;wijzen…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>Lijs&amp;ten</translation>
    </message>
    <message>
        <source>&amp;Take-up</source>
        <translation>&amp;Benutting</translation>
    </message>
    <message>
        <source>Catalog &amp;impact</source>
        <translation>&amp;Impact catalogus</translation>
    </message>
    <message>
        <source>Partner replie&amp;s</source>
        <translation>Antwoorden van partner&amp;s</translation>
    </message>
    <message>
        <source>The figures could not be read. Close the window and try again.</source>
        <translation>De cijfers konden niet worden gelezen. Sluit het venster en probeer opnieuw.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s), sorted by estimated value per year</source>
        <translation>
            <numerusform>%Ln rij, gesorteerd op geschatte waarde per jaar</numerusform>
            <numerusform>%Ln rijen, gesorteerd op geschatte waarde per jaar</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Bezig met tellen…</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n geselecteerd</numerusform>
            <numerusform>%n geselecteerd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more question(s)</source>
        <translation>
            <numerusform>… en nog %Ln vraag</numerusform>
            <numerusform>… en nog %Ln vragen</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign follow-up</source>
        <translation>Opvolging toewijzen</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) assigned.</source>
        <translation>
            <numerusform>%n opvolging toegewezen.</numerusform>
            <numerusform>%n opvolgingen toegewezen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The note cannot be saved: at most 1,000 characters, without hidden characters.</source>
        <translation>De notitie kan niet worden opgeslagen: hoogstens 1.000 tekens, zonder verborgen tekens.</translation>
    </message>
    <message>
        <source>The follow-up date lies in the past.</source>
        <translation>De opvolgdatum ligt in het verleden.</translation>
    </message>
    <message>
        <source>Choose an active social worker or team lead.</source>
        <translation>Kies een actieve maatschappelijk werker of teamleider.</translation>
    </message>
    <message>
        <source>The follow-up could not be saved. Refresh the list and try again.</source>
        <translation>De opvolging kon niet worden opgeslagen. Vernieuw de lijst en probeer opnieuw.</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>Lijst exporteren</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, semicolons (*.csv)</source>
        <translation>Excel-werkmap (*.xlsx);;CSV met puntkomma&apos;s (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Geëxporteerd naar %1.</translation>
    </message>
    <message>
        <source>The list could not be written to %1.</source>
        <translation>De lijst kon niet worden opgeslagen in %1.</translation>
    </message>
    <message>
        <source>Your role may not view the non-take-up review.</source>
        <translation>Uw rol mag de onderbescherming niet bekijken.</translation>
    </message>
</context>
<context>
    <name>RightsPanel</name>
    <message>
        <source>Entitled</source>
        <translation>Heeft recht</translation>
    </message>
    <message>
        <source>Possibly entitled</source>
        <translation>Mogelijk recht</translation>
    </message>
    <message>
        <source>Already receives</source>
        <translation>Ontvangt al</translation>
    </message>
    <message>
        <source>Not entitled</source>
        <translation>Geen recht</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>toegekend</translation>
    </message>
    <message>
        <source>applied for</source>
        <translation>aangevraagd</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>doorverwezen</translation>
    </message>
    <message>
        <source>already receives</source>
        <translation>ontvangt al</translation>
    </message>
    <message>
        <source>client declines</source>
        <translation>cliënt ziet ervan af</translation>
    </message>
    <message>
        <source>rejected by provider</source>
        <translation>afgewezen door de instantie</translation>
    </message>
    <message>
        <source>granted by the Sociaal Huis</source>
        <translation>toegekend door het Sociaal Huis</translation>
    </message>
    <message>
        <source>automatic, through another body</source>
        <translation>automatisch, via een andere instantie</translation>
    </message>
    <message>
        <source>the client applies</source>
        <translation>de cliënt vraagt zelf aan</translation>
    </message>
    <message>
        <source>referral to a partner</source>
        <translation>doorverwijzing naar een partner</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Recht</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>Rechten</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Uitleg</translation>
    </message>
    <message>
        <source>Record &amp;decision…</source>
        <translation>Beslissing re&amp;gistreren…</translation>
    </message>
    <message>
        <source>Grant, apply, refer… (Ctrl+D)</source>
        <translation>Toekennen, aanvragen, doorverwijzen… (Ctrl+D)</translation>
    </message>
    <message>
        <source>Re&amp;fer…</source>
        <translation>Door&amp;verwijzen…</translation>
    </message>
    <message>
        <source>Refer to a partner with a letter (Ctrl+L)</source>
        <translation>Doorverwijzen naar een partner met een brief (Ctrl+L)</translation>
    </message>
    <message>
        <source>{receives} received, {eligible} entitled, {possible} possibly entitled</source>
        <translation>{receives} ontvangt al, {eligible} heeft recht, {possible} mogelijk recht</translation>
    </message>
    <message>
        <source>⚠ Uses a figure that may be out of date: {figures}</source>
        <translation>⚠ Steunt op een bedrag dat mogelijk verouderd is: {figures}</translation>
    </message>
    <message>
        <source>Questions that would settle it</source>
        <translation>Vragen die dit beslissen</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <source>last checked {date}</source>
        <translation>laatst nagekeken op {date}</translation>
    </message>
    <message>
        <source>Hide the calculation</source>
        <translation>Berekening verbergen</translation>
    </message>
    <message>
        <source>Show the calculation (for the social worker)</source>
        <translation>Berekening tonen (voor de maatschappelijk werker)</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n vraag</numerusform>
            <numerusform>%n vragen</numerusform>
        </translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslissing</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>op {date}</translation>
    </message>
    <message>
        <source>Select a right to see why, where and how.</source>
        <translation>Kies een recht om te zien waarom, waar en hoe.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Instantie</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hoe te verkrijgen</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Value per year</source>
        <translation>Waarde per jaar</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Geldigheid</translation>
    </message>
    <message>
        <source>Documents to bring</source>
        <translation>Mee te brengen documenten</translation>
    </message>
    <message>
        <source>, follow up on {date}</source>
        <translation>, op te volgen op {date}</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Prepared, waiting for approval</source>
        <translation>Voorbereid, wacht op goedkeuring</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Goedgekeurd</translation>
    </message>
    <message>
        <source>Partly approved</source>
        <translation>Gedeeltelijk goedgekeurd</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Afgewezen</translation>
    </message>
    <message>
        <source>Proactive granting rounds</source>
        <translation>Proactieve toekenningsrondes</translation>
    </message>
    <message>
        <source>Granting rounds</source>
        <translation>Toekenningsrondes</translation>
    </message>
    <message>
        <source>Households in the round</source>
        <translation>Gezinnen in de ronde</translation>
    </message>
    <message>
        <source>Why the household qualifies</source>
        <translation>Waarom het gezin in aanmerking komt</translation>
    </message>
    <message>
        <source>Select a household to see why it qualifies.</source>
        <translation>Kies een gezin om te zien waarom het in aanmerking komt.</translation>
    </message>
    <message>
        <source>&amp;Prepare a new round…</source>
        <translation>Nieuwe ronde &amp;voorbereiden…</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Goedkeuren…</translation>
    </message>
    <message>
        <source>Approve &amp;checked only…</source>
        <translation>Ge&amp;deeltelijk goedkeuren…</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>&amp;Afwijzen…</translation>
    </message>
    <message>
        <source>No rounds yet. Prepare one for a right the Sociaal Huis grants itself.</source>
        <translation>Nog geen rondes. Bereid er een voor voor een recht dat het Sociaal Huis zelf toekent.</translation>
    </message>
    <message>
        <source>You prepared this round, so you cannot approve it: a second team lead must (four eyes). You can still withdraw it with Reject.</source>
        <translation>U hebt deze ronde voorbereid en kunt ze dus niet goedkeuren: dat moet een tweede teamverantwoordelijke doen (vier ogen). U kunt ze wel intrekken met Afwijzen.</translation>
    </message>
    <message>
        <source>Only a team lead who did not prepare this round can approve it.</source>
        <translation>Alleen een teamverantwoordelijke die deze ronde niet voorbereidde, kan ze goedkeuren.</translation>
    </message>
    <message>
        <source>Uncheck the households you do not approve and choose Approve checked only, or approve the whole round.</source>
        <translation>Vink de gezinnen uit die u niet goedkeurt en kies Gedeeltelijk goedkeuren, of keur de hele ronde goed.</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>Afgewezen: {reason}</translation>
    </message>
    <message>
        <source>Grant {right} to {count} household(s) and print their award letters?</source>
        <translation>{right} toekennen aan {count} gezin(nen) en de toekenningsbrieven afdrukken?</translation>
    </message>
    <message>
        <source>Prepare a round</source>
        <translation>Ronde voorbereiden</translation>
    </message>
    <message>
        <source>Which right should the Sociaal Huis grant proactively?</source>
        <translation>Welk recht wil het Sociaal Huis proactief toekennen?</translation>
    </message>
    <message>
        <source>Reject the round</source>
        <translation>Ronde afwijzen</translation>
    </message>
    <message>
        <source>Why is this round rejected?</source>
        <translation>Waarom wijst u deze ronde af?</translation>
    </message>
    <message>
        <source>Approve the round</source>
        <translation>Ronde goedkeuren</translation>
    </message>
    <message>
        <source>The award letters are ready ({count}). Open them to print or save?</source>
        <translation>De toekenningsbrieven zijn klaar ({count}). Wilt u ze openen om af te drukken of op te slaan?</translation>
    </message>
    <message>
        <source>Award letters</source>
        <translation>Toekenningsbrieven</translation>
    </message>
    <message>
        <source>Award letters {reference}</source>
        <translation>Toekenningsbrieven {reference}</translation>
    </message>
    <message>
        <source>No household qualifies for this right without a decision yet (according to the latest screening of all households).</source>
        <translation>Geen enkel gezin komt voor dit recht in aanmerking zonder beslissing (volgens de laatste screening van alle gezinnen).</translation>
    </message>
    <message>
        <source>Some households got a decision about this right after the round was prepared. Uncheck them and approve the rest, or reject the round.</source>
        <translation>Sommige gezinnen kregen een beslissing over dit recht nadat de ronde werd voorbereid. Vink ze uit en keur de rest goed, of wijs de ronde af.</translation>
    </message>
    <message>
        <source>The catalog changed since this round was prepared. Reject it and prepare a new round.</source>
        <translation>De catalogus is veranderd sinds deze ronde werd voorbereid. Wijs ze af en bereid een nieuwe ronde voor.</translation>
    </message>
    <message>
        <source>You prepared this round: a second team lead must approve it.</source>
        <translation>U hebt deze ronde voorbereid: een tweede teamverantwoordelijke moet ze goedkeuren.</translation>
    </message>
    <message>
        <source>Another team lead decided this round in the meantime.</source>
        <translation>Een andere teamverantwoordelijke heeft intussen over deze ronde beslist.</translation>
    </message>
    <message>
        <source>Granting round</source>
        <translation>Toekenningsronde</translation>
    </message>
</context>
<context>
    <name>RoundItemModel</name>
    <message>
        <source>Applicant</source>
        <translation>Aanvrager</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Toegekend</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>not decided yet</source>
        <translation>nog niet beslist</translation>
    </message>
</context>
<context>
    <name>RoundTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Recht</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Voorbereid door</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Beslist door</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Gezinnen</translation>
    </message>
</context>
<context>
    <name>ScreeningDialog</name>
    <message>
        <source>Screening all households</source>
        <translation>Screening van alle gezinnen</translation>
    </message>
    <message>
        <source>Looking for households whose findings are out of date…</source>
        <translation>Gezinnen met verouderde bevindingen zoeken…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stopping after the current batch. The households screened so far keep their findings.</source>
        <translation>Stoppen na de lopende reeks. De gezinnen die al gescreend zijn, behouden hun bevindingen.</translation>
    </message>
    <message>
        <source>Households screened: {done} of {total}</source>
        <translation>Gezinnen gescreend: {done} van {total}</translation>
    </message>
    <message>
        <source>About {minutes}:{seconds} left</source>
        <translation>Nog ongeveer {minutes}:{seconds}</translation>
    </message>
    <message>
        <source>The screening stopped because of an error. The batches finished before it keep their findings.</source>
        <translation>De screening is gestopt door een fout. De reeksen die daarvoor klaar waren, behouden hun bevindingen.</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>Every household&apos;s findings are already up to date for catalog {version} on {date}.</source>
        <translation>De bevindingen van elk gezin zijn al bijgewerkt voor catalogus {version} op {date}.</translation>
    </message>
    <message>
        <source>Screening stopped. Households screened: {done} of {total}; their findings are saved. Start the screening again to continue with the others.</source>
        <translation>Screening gestopt. Gezinnen gescreend: {done} van {total}; hun bevindingen zijn opgeslagen. Start de screening opnieuw om verder te gaan met de andere.</translation>
    </message>
    <message>
        <source>Screening finished. Households screened: {done} (catalog {version}, {date}).</source>
        <translation>Screening voltooid. Gezinnen gescreend: {done} (catalogus {version}, {date}).</translation>
    </message>
    <message>
        <source>Findings changed: {count}</source>
        <translation>Gewijzigde bevindingen: {count}</translation>
    </message>
    <message>
        <source>Households changed during the screening: {count}; the next screening takes them along.</source>
        <translation>Gezinnen gewijzigd tijdens de screening: {count}; de volgende screening neemt ze mee.</translation>
    </message>
    <message>
        <source>Time: {seconds} s</source>
        <translation>Duur: {seconds} s</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Name, national register number or street</source>
        <translation>Naam, rijksregisternummer of straat</translation>
    </message>
    <message>
        <source>A search uses at most {count} characters; the rest is not searched.</source>
        <translation>Een zoekopdracht gebruikt hoogstens {count} tekens; de rest wordt niet gezocht.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>&amp;New client</source>
        <translation>&amp;Nieuwe cliënt</translation>
    </message>
    <message>
        <source>Start a new household (Ctrl+N)</source>
        <translation>Een nieuw gezin aanmaken (Ctrl+N)</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Aanvrager</translation>
    </message>
    <message>
        <source>National number</source>
        <translation>Rijksregisternummer</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Gezinsleden</translation>
    </message>
    <message>
        <source>Households found</source>
        <translation>Gevonden gezinnen</translation>
    </message>
    <message>
        <source>Type at least two characters to search.</source>
        <translation>Typ minstens twee tekens om te zoeken.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>Searching failed: {reason}</source>
        <translation>Zoeken mislukt: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) found.</source>
        <translation>
            <numerusform>%n gezin gevonden.</numerusform>
            <numerusform>%n gezinnen gevonden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody found for “{text}”. Press Ctrl+N to start a new client.</source>
        <translation>Niemand gevonden voor “{text}”. Druk op Ctrl+N om een nieuwe cliënt aan te maken.</translation>
    </message>
    <message>
        <source>assigned to a colleague</source>
        <translation>toegewezen aan een collega</translation>
    </message>
    <message>
        <source>Assigned to a colleague: opening it asks for a reason</source>
        <translation>Toegewezen aan een collega: openen vraagt een reden</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>New service of {partner}</source>
        <translation>Nieuwe dienst van {partner}</translation>
    </message>
    <message>
        <source>Service of {partner}</source>
        <translation>Dienst van {partner}</translation>
    </message>
    <message>
        <source>What the service offers and for whom</source>
        <translation>Wat de dienst aanbiedt en voor wie</translation>
    </message>
    <message>
        <source>e.g. onthaal@partner.be</source>
        <translation>bv. onthaal@partner.be</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>active (offered)</source>
        <translation>actief (aangeboden)</translation>
    </message>
    <message>
        <source>inactive (no longer offered)</source>
        <translation>niet actief (niet meer aangeboden)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschrijving:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Web address:</source>
        <translation>&amp;Webadres:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>Opslaan lukt nog niet</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation>Door iemand anders opgeslagen</translation>
    </message>
    <message>
        <source>Someone else changed this service in the meantime; nothing was overwritten. The list shows their version now; open the service again to change it.</source>
        <translation>Iemand anders heeft deze dienst intussen gewijzigd; er is niets overschreven. De lijst toont nu hun versie; open de dienst opnieuw om hem te wijzigen.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Niet opgeslagen</translation>
    </message>
</context>
<context>
    <name>ServicesBox</name>
    <message>
        <source>Ser&amp;vices</source>
        <translation>&amp;Diensten</translation>
    </message>
    <message>
        <source>Services of this partner</source>
        <translation>Diensten van deze partner</translation>
    </message>
    <message>
        <source>Double-click or press Enter to change a service</source>
        <translation>Dubbelklik of druk Enter om een dienst te wijzigen</translation>
    </message>
    <message>
        <source>&amp;Add service…</source>
        <translation>Dienst toe&amp;voegen…</translation>
    </message>
    <message>
        <source>Add a service this partner offers</source>
        <translation>Een dienst van deze partner toevoegen</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>niet actief</translation>
    </message>
    <message>
        <source>No services yet.</source>
        <translation>Nog geen diensten.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Sociaal Huis</source>
        <translation>Sociaal Huis</translation>
    </message>
    <message>
        <source>First start: creating fictitious households to try the application with…</source>
        <translation>Eerste start: er worden fictieve gezinnen aangemaakt om de toepassing mee uit te proberen…</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <source>Location: {location}</source>
        <translation>Locatie: {location}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Reden: {reason}</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The settings file cannot be used.</source>
        <translation>Het instellingenbestand is niet bruikbaar.</translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation>De database kan niet geopend worden.</translation>
    </message>
    <message>
        <source>Sociaal Huis could not start.</source>
        <translation>Sociaal Huis kan niet starten.</translation>
    </message>
    <message>
        <source>The file is empty (0 bytes); it is not a database.</source>
        <translation>Het bestand is leeg (0 bytes); het is geen database.</translation>
    </message>
    <message>
        <source>The file is not a database.</source>
        <translation>Het bestand is geen database.</translation>
    </message>
    <message>
        <source>The file is a database of another program, not of Sociaal Huis.</source>
        <translation>Het bestand is een database van een ander programma, niet van Sociaal Huis.</translation>
    </message>
    <message>
        <source>The file is read-only; Sociaal Huis must be able to write to it. Make it writable or open a copy.</source>
        <translation>Het bestand is alleen-lezen; Sociaal Huis moet erin kunnen schrijven. Maak het schrijfbaar of open een kopie.</translation>
    </message>
    <message>
        <source>The file is damaged: some of its pages cannot be read. Restore it from a backup.</source>
        <translation>Het bestand is beschadigd: sommige pagina&apos;s zijn onleesbaar. Zet een reservekopie terug.</translation>
    </message>
    <message>
        <source>The database is encrypted; it cannot be opened without its passphrase.</source>
        <translation>De database is versleuteld; zonder haar wachtzin kan ze niet geopend worden.</translation>
    </message>
    <message>
        <source>The passphrase is wrong. The security officer can set a new one with the recovery key.</source>
        <translation>De wachtzin is onjuist. De veiligheidsconsulent kan met de herstelsleutel een nieuwe instellen.</translation>
    </message>
    <message>
        <source>The key file beside the database is damaged or is not a key file. Restore it from a backup.</source>
        <translation>Het sleutelbestand naast de database is beschadigd of is geen sleutelbestand. Zet er een reservekopie van terug.</translation>
    </message>
    <message>
        <source>The file is not a plain database and has no key file beside it. If it is an encrypted database, put its key file (.keys) back beside it.</source>
        <translation>Het bestand is geen gewone database en er ligt geen sleutelbestand naast. Is het een versleutelde database, leg dan haar sleutelbestand (.keys) er weer naast.</translation>
    </message>
    <message>
        <source>A key file lies beside the database, but the database is not encrypted. It is not opened: it may have been swapped.</source>
        <translation>Naast de database ligt een sleutelbestand, maar de database is niet versleuteld. Ze wordt niet geopend: ze kan verwisseld zijn.</translation>
    </message>
    <message>
        <source>Sociaal Huis</source>
        <translation>Sociaal Huis</translation>
    </message>
</context>
<context>
    <name>StatusesDialog</name>
    <message>
        <source>no person with this national register number</source>
        <translation>geen persoon met dit rijksregisternummer</translation>
    </message>
    <message>
        <source>the person belongs to no household</source>
        <translation>de persoon hoort bij geen gezin</translation>
    </message>
    <message>
        <source>the person belongs to %1 households</source>
        <translation>de persoon hoort bij %1 gezinnen</translation>
    </message>
    <message>
        <source>the same as line %1</source>
        <translation>dezelfde als regel %1</translation>
    </message>
    <message>
        <source>the same person and status with different periods (lines %1)</source>
        <translation>dezelfde persoon en status met verschillende periodes (regels %1)</translation>
    </message>
    <message>
        <source>a national register number has 11 digits</source>
        <translation>een rijksregisternummer heeft 11 cijfers</translation>
    </message>
    <message>
        <source>a national register number has only digits</source>
        <translation>een rijksregisternummer bestaat alleen uit cijfers</translation>
    </message>
    <message>
        <source>a national register number cannot be all zeros</source>
        <translation>een rijksregisternummer kan niet uit enkel nullen bestaan</translation>
    </message>
    <message>
        <source>the check digits do not match (typing error?)</source>
        <translation>de controlecijfers kloppen niet (tikfout?)</translation>
    </message>
    <message>
        <source>lies before begindatum</source>
        <translation>ligt vóór de begindatum</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>is leeg</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>geen UTF-8-tekst</translation>
    </message>
    <message>
        <source>unknown status code &apos;%1&apos; (known: %2)</source>
        <translation>onbekende statuscode &apos;%1&apos; (gekend: %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is no date (YYYY-MM-DD or DD/MM/YYYY)</source>
        <translation>&apos;%1&apos; is geen datum (JJJJ-MM-DD of DD/MM/JJJJ)</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>%1 velden waar de kopregel er %2 heeft</translation>
    </message>
    <message>
        <source>the header lacks column(s) %1</source>
        <translation>de kopregel mist kolom(men) %1</translation>
    </message>
    <message>
        <source> (the separator is &apos;;&apos;)</source>
        <translation> (het scheidingsteken is &apos;;&apos;)</translation>
    </message>
    <message>
        <source>no header line (INSZ;statuscode;begindatum;einddatum)</source>
        <translation>geen kopregel (INSZ;statuscode;begindatum;einddatum)</translation>
    </message>
    <message>
        <source>no file date: put it in the file name (…_YYYYMMDD.csv) or fill it in</source>
        <translation>geen bestandsdatum: zet ze in de bestandsnaam (…_JJJJMMDD.csv) of vul ze in</translation>
    </message>
    <message>
        <source>Preview: nothing has been written yet.</source>
        <translation>Voorbeeld: er is nog niets opgeslagen.</translation>
    </message>
    <message>
        <source>Read in: the statuses have been saved.</source>
        <translation>Ingelezen: de statussen zijn opgeslagen.</translation>
    </message>
    <message>
        <source>File: %1 (file date %2)</source>
        <translation>Bestand: %1 (bestandsdatum %2)</translation>
    </message>
    <message>
        <source>Lines: %1</source>
        <translation>Regels: %1</translation>
    </message>
    <message>
        <source>Matched: %1 (new %2, updated %3, unchanged %4)</source>
        <translation>Gevonden: %1 (nieuw %2, bijgewerkt %3, ongewijzigd %4)</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Niet gevonden: %1</translation>
    </message>
    <message>
        <source>Ambiguous: %1</source>
        <translation>Dubbelzinnig: %1</translation>
    </message>
    <message>
        <source>Households whose rights are recomputed: %1</source>
        <translation>Gezinnen waarvan de rechten opnieuw berekend worden: %1</translation>
    </message>
    <message>
        <source>Note: this same file was read in before, on %1.</source>
        <translation>Let op: dit zelfde bestand werd al ingelezen op %1.</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>niet gevonden</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>dubbelzinnig</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>dubbel</translation>
    </message>
    <message>
        <source>Line %1 (%2), %3: %4</source>
        <translation>Regel %1 (%2), %3: %4</translation>
    </message>
    <message>
        <source>The file is not read in: %1 problem(s). Nothing was changed.</source>
        <translation>Het bestand is niet ingelezen: %1 probleem/problemen. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>regel %1</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>kolom %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… en nog %1</translation>
    </message>
    <message>
        <source>Read in official statuses</source>
        <translation>Officiële statussen inlezen</translation>
    </message>
    <message>
        <source>A status list (CSV: INSZ;statuscode;begindatum;einddatum) from the KSZ or another official source. First a preview; nothing is saved until you choose Read in.</source>
        <translation>Een statuslijst (CSV: INSZ;statuscode;begindatum;einddatum) van de KSZ of een andere officiële bron. Eerst een voorbeeld; er wordt niets opgeslagen tot u Inlezen kiest.</translation>
    </message>
    <message>
        <source>List file</source>
        <translation>Lijstbestand</translation>
    </message>
    <message>
        <source>e.g. statussen_20261201.csv</source>
        <translation>bv. statussen_20261201.csv</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Bl&amp;aderen…</translation>
    </message>
    <message>
        <source>Choose the list file</source>
        <translation>Lijstbestand kiezen</translation>
    </message>
    <message>
        <source>File date</source>
        <translation>Bestandsdatum</translation>
    </message>
    <message>
        <source>YYYY-MM-DD; empty: the date in the file name</source>
        <translation>JJJJ-MM-DD; leeg: de datum in de bestandsnaam</translation>
    </message>
    <message>
        <source>&amp;List file:</source>
        <translation>&amp;Lijstbestand:</translation>
    </message>
    <message>
        <source>File &amp;date:</source>
        <translation>Bestands&amp;datum:</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Verslag</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Verslag:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>Voor&amp;beeld</translation>
    </message>
    <message>
        <source>Read &amp;in</source>
        <translation>&amp;Inlezen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Choose a status list</source>
        <translation>Een statuslijst kiezen</translation>
    </message>
    <message>
        <source>Status lists (*.csv *.txt)</source>
        <translation>Statuslijsten (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Choose the list file first.</source>
        <translation>Kies eerst het lijstbestand.</translation>
    </message>
    <message>
        <source>The file date is not a date (YYYY-MM-DD).</source>
        <translation>De bestandsdatum is geen datum (JJJJ-MM-DD).</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Het bestand wordt nagekeken…</translation>
    </message>
    <message>
        <source>Reading the statuses in…</source>
        <translation>De statussen worden ingelezen…</translation>
    </message>
    <message>
        <source>Preview ready. Choose Read in to save.</source>
        <translation>Het voorbeeld is klaar. Kies Inlezen om op te slaan.</translation>
    </message>
    <message>
        <source>The statuses have been read in and saved.</source>
        <translation>De statussen zijn ingelezen en opgeslagen.</translation>
    </message>
    <message>
        <source>The file has problems; nothing was changed.</source>
        <translation>Het bestand bevat fouten; er is niets gewijzigd.</translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <source>Household</source>
        <translation>Gezin</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>Gezinslid</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gesprek</translation>
    </message>
    <message>
        <source>Case note</source>
        <translation>Dossiernota</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslissing</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Doorverwijzing</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Opvolging</translation>
    </message>
    <message>
        <source>Case assignment</source>
        <translation>Toewijzing van het dossier</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>Aan beide kanten gewijzigd</translation>
    </message>
    <message>
        <source>Income, status or decision changed on the other site</source>
        <translation>Inkomen, status of beslissing gewijzigd op de andere site</translation>
    </message>
    <message>
        <source>Deleted on one side, changed on the other</source>
        <translation>Aan de ene kant verwijderd, aan de andere gewijzigd</translation>
    </message>
    <message>
        <source>Added on both sides</source>
        <translation>Aan beide kanten toegevoegd</translation>
    </message>
    <message>
        <source>Changed on an outdated version</source>
        <translation>Gewijzigd op een verouderde versie</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Bus</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Deelgemeente</source>
        <translation>Deelgemeente</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Familienaam</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <source>National register number</source>
        <translation>Rijksregisternummer</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Beslist op</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>Opvolgen op</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Bedrag</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>Ja/nee</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bewijs</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Geldig vanaf</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Geldig tot</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Gegeven</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Velden</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Common base</source>
        <translation>Gemeenschappelijke basis</translation>
    </message>
    <message>
        <source>This database</source>
        <translation>Deze database</translation>
    </message>
    <message>
        <source>Other site</source>
        <translation>Andere site</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Oplossing</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(verwijderd)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Synchronise</source>
        <translation>Synchroniseren</translation>
    </message>
    <message>
        <source>laptop</source>
        <translation>laptop</translation>
    </message>
    <message>
        <source>central database of the office</source>
        <translation>centrale database van het kantoor</translation>
    </message>
    <message>
        <source>This database: {name} ({role})</source>
        <translation>Deze database: {name} ({role})</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Sl&amp;uiten</translation>
    </message>
    <message>
        <source>Directly with the office</source>
        <translation>Rechtstreeks met het kantoor</translation>
    </message>
    <message>
        <source>Central &amp;database (URL):</source>
        <translation>Centrale &amp;database (URL):</translation>
    </message>
    <message>
        <source>&amp;Password (if the URL has none):</source>
        <translation>&amp;Wachtwoord (als de URL er geen bevat):</translation>
    </message>
    <message>
        <source>&amp;Synchronise now</source>
        <translation>Nu &amp;synchroniseren</translation>
    </message>
    <message>
        <source>With a file (USB stick)</source>
        <translation>Met een bestand (USB-stick)</translation>
    </message>
    <message>
        <source>The key file shared with the other site</source>
        <translation>Het sleutelbestand dat u met de andere site deelt</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Kiezen…</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>S&amp;leutelbestand:</translation>
    </message>
    <message>
        <source>&amp;Export changes…</source>
        <translation>Wijzigingen &amp;exporteren…</translation>
    </message>
    <message>
        <source>&amp;Read bundle from the office…</source>
        <translation>Bundel van het kantoor &amp;inlezen…</translation>
    </message>
    <message>
        <source>&amp;Read bundle from a laptop…</source>
        <translation>Bundel van een laptop &amp;inlezen…</translation>
    </message>
    <message>
        <source>&amp;Laptop:</source>
        <translation>Lap&amp;top:</translation>
    </message>
    <message>
        <source>&amp;Make bundle for the laptop…</source>
        <translation>Bundel voor de laptop &amp;maken…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Af&amp;breken</translation>
    </message>
    <message>
        <source>Central database</source>
        <translation>Centrale database</translation>
    </message>
    <message>
        <source>Export changes</source>
        <translation>Wijzigingen exporteren</translation>
    </message>
    <message>
        <source>Read bundle</source>
        <translation>Bundel inlezen</translation>
    </message>
    <message>
        <source>Make bundle for the laptop</source>
        <translation>Bundel voor de laptop maken</translation>
    </message>
    <message>
        <source>Give the address (URL) of the central database.</source>
        <translation>Geef het adres (URL) van de centrale database.</translation>
    </message>
    <message>
        <source>{url} is not a database address (URL). Nothing was changed.</source>
        <translation>{url} is geen adres (URL) van een database. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Choose the key file shared with the other site first.</source>
        <translation>Kies eerst het sleutelbestand dat u met de andere site deelt.</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Sleutelbestand</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Afbreken…</translation>
    </message>
    <message>
        <source>Sending changes: {done} of {total}</source>
        <translation>Wijzigingen versturen: {done} van {total}</translation>
    </message>
    <message>
        <source>Fetching cases…</source>
        <translation>Dossiers ophalen…</translation>
    </message>
    <message>
        <source>Fetching cases: {done} of {total}</source>
        <translation>Dossiers ophalen: {done} van {total}</translation>
    </message>
    <message>
        <source>Stopped before anything was sent. Nothing was changed.</source>
        <translation>Gestopt voordat er iets verstuurd werd. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The changes reached the office, but fetching the cases failed: {reason} Synchronise again; nothing is lost.</source>
        <translation>De wijzigingen zijn op het kantoor aangekomen, maar het ophalen van de dossiers is mislukt: {reason} Synchroniseer opnieuw; er gaat niets verloren.</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Received and applied: {applied}. Waiting for earlier changes: {pending}. New conflicts: {new} (open: {open}).</source>
        <translation>Ontvangen en toegepast: {applied}. Wacht op eerdere wijzigingen: {pending}. Nieuwe conflicten: {new} (open: {open}).</translation>
    </message>
    <message>
        <source>Already received before: {count}.</source>
        <translation>Al eerder ontvangen: {count}.</translation>
    </message>
    <message>
        <source>Records updated: {written}, removed from this laptop: {removed}, kept with unsent changes: {kept}.</source>
        <translation>Gegevens bijgewerkt: {written}, verwijderd van deze laptop: {removed}, met niet-verstuurde wijzigingen behouden: {kept}.</translation>
    </message>
    <message>
        <source>Cases no longer assigned to this laptop: {count}.</source>
        <translation>Dossiers niet meer aan deze laptop toegewezen: {count}.</translation>
    </message>
    <message>
        <source>Records in conflict: {count}.</source>
        <translation>Gegevens in conflict: {count}.</translation>
    </message>
    <message>
        <source>Accounts not taken over (same name, other account): {names}.</source>
        <translation>Accounts niet overgenomen (zelfde naam, ander account): {names}.</translation>
    </message>
    <message>
        <source>Sent: {count} changes.</source>
        <translation>Wijzigingen verstuurd: {count}.</translation>
    </message>
    <message>
        <source>There are no new changes to send; no file was written.</source>
        <translation>Er zijn geen nieuwe wijzigingen om te versturen; er is geen bestand geschreven.</translation>
    </message>
    <message>
        <source>Exported to {file}: {count} changes.</source>
        <translation>Geëxporteerd naar {file}. Wijzigingen: {count}.</translation>
    </message>
    <message>
        <source>Bundle {file} read.</source>
        <translation>Bundel {file} ingelezen.</translation>
    </message>
    <message>
        <source>Bundle for {laptop} written to {file}: {count} records.</source>
        <translation>Bundel voor {laptop} geschreven naar {file}: {count} gegevens.</translation>
    </message>
    <message>
        <source>The file is not a sync bundle.</source>
        <translation>Het bestand is geen synchronisatiebundel.</translation>
    </message>
    <message>
        <source>The bundle was made by a newer version of Sociaal Huis.</source>
        <translation>De bundel werd gemaakt door een nieuwere versie van Sociaal Huis.</translation>
    </message>
    <message>
        <source>The bundle was made with another key than the chosen key file.</source>
        <translation>De bundel werd gemaakt met een andere sleutel dan het gekozen sleutelbestand.</translation>
    </message>
    <message>
        <source>The bundle is damaged or was changed after it was made.</source>
        <translation>De bundel is beschadigd of werd gewijzigd nadat hij gemaakt werd.</translation>
    </message>
    <message>
        <source>The bundle is incomplete: the file was cut off.</source>
        <translation>De bundel is onvolledig: het bestand werd afgebroken.</translation>
    </message>
    <message>
        <source>Something was added to the bundle after it was made.</source>
        <translation>Er werd iets aan de bundel toegevoegd nadat hij gemaakt werd.</translation>
    </message>
    <message>
        <source>The bundle holds a change that is not valid.</source>
        <translation>De bundel bevat een wijziging die niet geldig is.</translation>
    </message>
    <message>
        <source>The bundle holds another number of changes than it says.</source>
        <translation>De bundel bevat een ander aantal wijzigingen dan hij vermeldt.</translation>
    </message>
    <message>
        <source>The bundle&apos;s header is not valid.</source>
        <translation>De hoofding van de bundel is niet geldig.</translation>
    </message>
    <message>
        <source>The file cannot be written there.</source>
        <translation>Het bestand kan daar niet geschreven worden.</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>Het bestand bestaat niet.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Het bestand kan niet gelezen worden.</translation>
    </message>
    <message>
        <source>The file is not a sync key file.</source>
        <translation>Het bestand is geen sleutelbestand voor synchronisatie.</translation>
    </message>
    <message>
        <source>The key file was made by a newer version of Sociaal Huis.</source>
        <translation>Het sleutelbestand werd gemaakt door een nieuwere versie van Sociaal Huis.</translation>
    </message>
    <message>
        <source>The key file is damaged; ask for a copy of the shared key file.</source>
        <translation>Het sleutelbestand is beschadigd; vraag een kopie van het gedeelde sleutelbestand.</translation>
    </message>
    <message>
        <source>This database is not a laptop.</source>
        <translation>Deze database is geen laptop.</translation>
    </message>
    <message>
        <source>The other database is not the central database of the office.</source>
        <translation>De andere database is niet de centrale database van het kantoor.</translation>
    </message>
    <message>
        <source>This bundle was made by this database itself.</source>
        <translation>Deze bundel werd door deze database zelf gemaakt.</translation>
    </message>
    <message>
        <source>This bundle is meant for a laptop; read it in on that laptop.</source>
        <translation>Deze bundel is voor een laptop bedoeld; lees hem op die laptop in.</translation>
    </message>
    <message>
        <source>This bundle holds a laptop&apos;s changes; read it in at the central database.</source>
        <translation>Deze bundel bevat de wijzigingen van een laptop; lees hem in op de centrale database.</translation>
    </message>
    <message>
        <source>The catalog of rights shipped with the program cannot be loaded.</source>
        <translation>De catalogus van rechten die met het programma meekomt, kan niet geladen worden.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Bundle {file}:</source>
        <translation>Bundel {file}:</translation>
    </message>
    <message>
        <source>Key file {file}:</source>
        <translation>Sleutelbestand {file}:</translation>
    </message>
    <message>
        <source>Database {location}:</source>
        <translation>Database {location}:</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>Geweigerd:</translation>
    </message>
    <message>
        <source>The synchronisation stopped with an error:</source>
        <translation>De synchronisatie stopte door een fout:</translation>
    </message>
</context>
<context>
    <name>TakeUpChart</name>
    <message>
        <source>granted</source>
        <translation>toegekend</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>aangevraagd</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>doorverwezen</translation>
    </message>
    <message>
        <source>already receives</source>
        <translation>ontvangt al</translation>
    </message>
    <message>
        <source>No households in these filters.</source>
        <translation>Geen gezinnen binnen deze filters.</translation>
    </message>
    <message>
        <source>eligible, no action yet</source>
        <translation>recht, nog geen actie</translation>
    </message>
    <message>
        <source>eligible, open at month end</source>
        <translation>open met recht (einde maand)</translation>
    </message>
    <message>
        <source>acted on in the month</source>
        <translation>acties in de maand</translation>
    </message>
</context>
<context>
    <name>TrailWindow</name>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>(unknown user)</source>
        <translation>(onbekende gebruiker)</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Audittrail</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>iedereen</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>all actions</source>
        <translation>alle acties</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Vanaf datum</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Tot en met datum</translation>
    </message>
    <message>
        <source>record id (optional)</source>
        <translation>dossiernummer (niet verplicht)</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Dossiernummer</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>Tone&amp;n</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>Gebeurtenissen in de audittrail</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/jjjj</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Gebruiker:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Actie:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Van:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>&amp;Dossier:</translation>
    </message>
    <message>
        <source>This is not a record id.</source>
        <translation>Dit is geen geldig dossiernummer.</translation>
    </message>
    <message>
        <source>Type a date as dd/mm/yyyy, for example 03/12/2026.</source>
        <translation>Typ een datum als dd/mm/jjjj, bijvoorbeeld 03/12/2026.</translation>
    </message>
    <message>
        <source>No events match these filters.</source>
        <translation>Er zijn geen gebeurtenissen voor deze filters.</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n event(s) shown; scroll down for older ones.</source>
        <translation>
            <numerusform>De nieuwste %n gebeurtenis wordt getoond; scrol naar beneden voor oudere.</numerusform>
            <numerusform>De nieuwste %n gebeurtenissen worden getoond; scrol naar beneden voor oudere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s).</source>
        <translation>
            <numerusform>%n gebeurtenis.</numerusform>
            <numerusform>%n gebeurtenissen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Audittrail exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written there.</source>
        <translation>Het bestand kon daar niet worden opgeslagen. Kies een andere map.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to {path}.</source>
        <translation>
            <numerusform>%n gebeurtenis geëxporteerd naar {path}.</numerusform>
            <numerusform>%n gebeurtenissen geëxporteerd naar {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only team leads and administrators may see the audit trail. Nothing was shown.</source>
        <translation>Alleen teamverantwoordelijken en beheerders mogen de audittrail bekijken. Er werd niets getoond.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Niet toegestaan</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Sociaal Huis — locked</source>
        <translation>Sociaal Huis — vergrendeld</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>Sociaal Huis was locked so that nobody can read client data. Your work is kept as you left it. Type your password to continue.</source>
        <translation>Sociaal Huis werd vergrendeld zodat niemand cliëntgegevens kan lezen. Uw werk blijft staan zoals u het achterliet. Typ uw wachtwoord om verder te werken.</translation>
    </message>
    <message>
        <source>{name} ({username})</source>
        <translation>{name} ({username})</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Gebruiker:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Intake desk (onthaal)</source>
        <translation>Onthaal</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Maatschappelijk werker</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Teamleider</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Beheerder</translation>
    </message>
    <message>
        <source>Only an administrator may manage accounts.</source>
        <translation>Alleen een beheerder mag accounts beheren.</translation>
    </message>
    <message>
        <source>This account no longer exists.</source>
        <translation>Dit account bestaat niet meer.</translation>
    </message>
    <message>
        <source>This user name is taken already; choose another.</source>
        <translation>Deze gebruikersnaam bestaat al; kies een andere.</translation>
    </message>
    <message>
        <source>This is the last active administrator; add another one first.</source>
        <translation>Dit is de laatste actieve beheerder; maak eerst een andere beheerder aan.</translation>
    </message>
    <message>
        <source>Choose a user name of 2 to 80 characters: letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Kies een gebruikersnaam van 2 tot 80 tekens: letters, cijfers, &apos;.&apos;, &apos;_&apos; of &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Fill in the name (at most 200 characters).</source>
        <translation>Vul de naam in (hoogstens 200 tekens).</translation>
    </message>
    <message>
        <source>Fill in the function title; it is printed on letters.</source>
        <translation>Vul de functie in; die staat op de brieven.</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>Kies een rol.</translation>
    </message>
    <message>
        <source>A phone number has only digits, spaces and + ( ) . / -.</source>
        <translation>Een telefoonnummer bevat alleen cijfers, spaties en + ( ) . / -.</translation>
    </message>
    <message>
        <source>This is not an e-mail address (name@domain.be).</source>
        <translation>Dit is geen e-mailadres (naam@domein.be).</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters and must differ from the user name.</source>
        <translation>Het wachtwoord heeft minstens {minimum} tekens en verschilt van de gebruikersnaam.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Functie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <source>Switch &amp;off…</source>
        <translation>&amp;Uitschakelen…</translation>
    </message>
    <message>
        <source>New &amp;password…</source>
        <translation>Nieuw &amp;wachtwoord…</translation>
    </message>
    <message>
        <source>Direct &amp;contact…</source>
        <translation>Rechtstreeks &amp;contact…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>uitgeschakeld</translation>
    </message>
    <message>
        <source>locked for a while</source>
        <translation>tijdelijk geblokkeerd</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>Switch off account</source>
        <translation>Account uitschakelen</translation>
    </message>
    <message>
        <source>Switch off the account of {name} ({user})? They can no longer log in.</source>
        <translation>Het account van {name} ({user}) uitschakelen? Deze persoon kan dan niet meer aanmelden.</translation>
    </message>
</context>
</TS>
