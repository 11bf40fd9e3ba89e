<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppointmentForm</name>
    <message numerus="yes">
        <source>Every %n weeks</source>
        <translation>
            <numerusform>Every %n week</numerusform>
            <numerusform>Every %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n months</source>
        <translation>
            <numerusform>Every %n month</numerusform>
            <numerusform>Every %n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) before</source>
        <translation>
            <numerusform>%n day before</numerusform>
            <numerusform>%n days before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n hour before</numerusform>
            <numerusform>%n hours before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minute before</numerusform>
            <numerusform>%n minutes before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s) saved to {file}</source>
        <translation>
            <numerusform>%n appointment saved to {file}</numerusform>
            <numerusform>%n appointments saved to {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message numerus="yes">
        <source>%n service(s) chosen</source>
        <translation>
            <numerusform>%n service chosen</numerusform>
            <numerusform>%n services chosen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved {file} (%n page(s)).</source>
        <translation>
            <numerusform>Saved {file} (%n page).</numerusform>
            <numerusform>Saved {file} (%n pages).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent to the printer (%n page(s)).</source>
        <translation>
            <numerusform>Sent to the printer (%n page).</numerusform>
            <numerusform>Sent to the printer (%n pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n event(s) from other calendar programs skipped: choose the contact they are with to import them.</source>
        <translation>
            <numerusform>%n event from another calendar program skipped: choose the contact it is with to import it.</numerusform>
            <numerusform>%n events from other calendar programs skipped: choose the contact they are with to import them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment was deleted on this computer.</source>
        <translation>
            <numerusform>%n event skipped: the appointment was deleted on this computer.</numerusform>
            <numerusform>%n events skipped: the appointments were deleted on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment is not on this computer (it may not have synchronised yet).</source>
        <translation>
            <numerusform>%n event skipped: the appointment is not on this computer (it may not have synchronised yet).</numerusform>
            <numerusform>%n events skipped: the appointments are not on this computer (they may not have synchronised yet).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n change(s) not shared with any service</source>
        <translation>
            <numerusform>%n change not shared with any service</numerusform>
            <numerusform>%n changes not shared with any service</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message numerus="yes">
        <source>write at least %n character(s).</source>
        <translation>
            <numerusform>write at least %n character.</numerusform>
            <numerusform>write at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>choose at least %n.</source>
        <translation>
            <numerusform>choose at least %n.</numerusform>
            <numerusform>choose at least %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too long: at most %n character(s).</source>
        <translation>
            <numerusform>too long: at most %n character.</numerusform>
            <numerusform>too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too many: at most %n.</source>
        <translation>
            <numerusform>too many: at most %n.</numerusform>
            <numerusform>too many: at most %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResourcesPage</name>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln service</numerusform>
            <numerusform>%Ln services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s) within {radius} km, nearest first.</source>
        <translation>
            <numerusform>%Ln service within {radius} km.</numerusform>
            <numerusform>%Ln services within {radius} km, nearest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s), nearest first.</source>
        <translation>
            <numerusform>%Ln service.</numerusform>
            <numerusform>%Ln services, nearest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for re&amp;view (%n)</source>
        <translation>
            <numerusform>Waiting for re&amp;view (%n)</numerusform>
            <numerusform>Waiting for re&amp;view (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message numerus="yes">
        <source>%n change(s) waiting for review.</source>
        <translation>
            <numerusform>%n change waiting for review.</numerusform>
            <numerusform>%n changes waiting for review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Locked after %n minute without activity.</numerusform>
            <numerusform>Locked after %n minutes without activity.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message numerus="yes">
        <source>%n change(s) have not reached the central service yet and will be lost. Sync first if you can.</source>
        <translation>
            <numerusform>%n change has not reached the central service yet and will be lost. Sync first if you can.</numerusform>
            <numerusform>%n changes have not reached the central service yet and will be lost. Sync first if you can.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n record(s) sent or received</source>
        <translation>
            <numerusform>%n record sent or received</numerusform>
            <numerusform>%n records sent or received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent: {parts}.</source>
        <translation>
            <numerusform>%n change waiting to be sent: {parts}.</numerusform>
            <numerusform>%n changes waiting to be sent: {parts}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n change refused</numerusform>
            <numerusform>%n changes refused</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n change not yet synced</numerusform>
            <numerusform>%n changes not yet synced</numerusform>
        </translation>
    </message>
</context>
</TS>
