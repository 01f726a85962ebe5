<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>MainWindow</name>
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
        <source>The screens for intake, rights and referrals will appear here.</source>
        <translation>Hier komen de schermen voor onthaal, rechtenonderzoek en doorverwijzingen.</translation>
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
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sociaal Huis {site}&lt;/h3&gt;&lt;p&gt;Intake and rights desk, version {version}.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sociaal Huis {site}&lt;/h3&gt;&lt;p&gt;Onthaal en rechtenonderzoek, versie {version}.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Sociaal Huis</source>
        <translation>Over Sociaal Huis</translation>
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
        <source>Sociaal Huis</source>
        <translation>Sociaal Huis</translation>
    </message>
</context>
</TS>
