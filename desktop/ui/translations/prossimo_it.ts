<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>AppointmentForm</name>
    <message>
        <source>Edit appointment</source>
        <translation>Modifica appuntamento</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Nuovo appuntamento</translation>
    </message>
    <message>
        <source>Contacts of this appointment</source>
        <translation>Contatti di questo appuntamento</translation>
    </message>
    <message>
        <source>Add &amp;contact…</source>
        <translation>Aggiungi &amp;contatto…</translation>
    </message>
    <message>
        <source>&amp;Remove contact</source>
        <translation>&amp;Rimuovi contatto</translation>
    </message>
    <message>
        <source>Contac&amp;ts:</source>
        <translation>C&amp;ontatti:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Ora di inizio</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation>Durata in minuti</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Data:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;urata:</translation>
    </message>
    <message>
        <source>Kind of place</source>
        <translation>Tipo di luogo</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>Do&amp;ve:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Address or meeting point (optional)</source>
        <translation>Indirizzo o punto d&apos;incontro (facoltativo)</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Luogo:</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>T&amp;opic:</source>
        <translation>&amp;Argomento:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>S&amp;tato:</translation>
    </message>
    <message>
        <source>Outcome note</source>
        <translation>Nota sull&apos;esito</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Promemoria</translation>
    </message>
    <message>
        <source>R&amp;eminder:</source>
        <translation>&amp;Promemoria:</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) before</source>
        <translation>
            <numerusform>%n giorno prima</numerusform>
            <numerusform>%n giorni prima</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n ora prima</numerusform>
            <numerusform>%n ore prima</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minuto prima</numerusform>
            <numerusform>%n minuti prima</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Book anyway</source>
        <translation>Prenota co&amp;munque</translation>
    </message>
    <message>
        <source>C&amp;hange time</source>
        <translation>Cam&amp;bia orario</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>Start t&amp;ime:</source>
        <translation>Ora di &amp;inizio:</translation>
    </message>
    <message>
        <source>Outco&amp;me:</source>
        <translation>&amp;Esito:</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Ripetizione</translation>
    </message>
    <message>
        <source>Re&amp;peats:</source>
        <translation>Ripetizio&amp;ne:</translation>
    </message>
    <message>
        <source>How the repeats end</source>
        <translation>Quando finiscono le ripetizioni</translation>
    </message>
    <message>
        <source>On this date:</source>
        <translation>In questa data:</translation>
    </message>
    <message>
        <source>After this many meetings:</source>
        <translation>Dopo questo numero di incontri:</translation>
    </message>
    <message>
        <source>Last date of the repeats</source>
        <translation>Ultima data delle ripetizioni</translation>
    </message>
    <message>
        <source>Number of meetings</source>
        <translation>Numero di incontri</translation>
    </message>
    <message>
        <source>E&amp;nds:</source>
        <translation>&amp;Fine:</translation>
    </message>
    <message>
        <source>S&amp;kip only this meeting</source>
        <translation>Salta solo &amp;questo incontro</translation>
    </message>
    <message>
        <source>This meeting does not take place; the others stay booked</source>
        <translation>Questo incontro non si tiene; gli altri restano prenotati</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>Non si ripete</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Ogni settimana</translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation>Ogni due settimane</translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks</source>
        <translation>
            <numerusform>Ogni %n settimana</numerusform>
            <numerusform>Ogni %n settimane</numerusform>
        </translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Ogni mese</translation>
    </message>
    <message numerus="yes">
        <source>Every %n months</source>
        <translation>
            <numerusform>Ogni %n mese</numerusform>
            <numerusform>Ogni %n mesi</numerusform>
        </translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>Nessun promemoria</translation>
    </message>
    <message>
        <source>When it starts</source>
        <translation>All&apos;inizio</translation>
    </message>
    <message>
        <source>(contact not on this computer)</source>
        <translation>(contatto non presente su questo computer)</translation>
    </message>
    <message>
        <source>A repeating appointment: what you change here applies to every meeting.</source>
        <translation>Appuntamento ricorrente: le modifiche fatte qui valgono per tutti gli incontri.</translation>
    </message>
    <message>
        <source>You opened the meeting of {date}.</source>
        <translation>Hai aperto l&apos;incontro di {date}.</translation>
    </message>
    <message>
        <source>until {range}</source>
        <translation>orario: {range}</translation>
    </message>
    <message>
        <source>What happened, and what comes next.</source>
        <translation>Cosa è successo e cosa succede ora.</translation>
    </message>
    <message>
        <source>Fill in after the appointment.</source>
        <translation>Da compilare dopo l&apos;appuntamento.</translation>
    </message>
    <message>
        <source>This time overlaps other appointments:</source>
        <translation>Questo orario si sovrappone ad altri appuntamenti:</translation>
    </message>
    <message>
        <source>…and {n} more</source>
        <translation>…e altri {n}</translation>
    </message>
    <message>
        <source>{names} already has an appointment {when}</source>
        <translation>{names} ha già un appuntamento ({when})</translation>
    </message>
    <message>
        <source>A contact of this appointment already has one {when}</source>
        <translation>Un contatto di questo appuntamento ha già un altro appuntamento ({when})</translation>
    </message>
    <message>
        <source>You already have an appointment {when} with {names}</source>
        <translation>Hai già un appuntamento ({when}) con {names}</translation>
    </message>
    <message>
        <source>You already have an appointment {when}</source>
        <translation>Hai già un appuntamento ({when})</translation>
    </message>
    <message>
        <source>The same operator already has an appointment {when}</source>
        <translation>Lo stesso operatore ha già un appuntamento ({when})</translation>
    </message>
</context>
<context>
    <name>BookingConfirmDialog</name>
    <message>
        <source>&amp;Confirm booking</source>
        <translation>&amp;Conferma prenotazione</translation>
    </message>
    <message>
        <source>Confirm a help desk booking</source>
        <translation>Conferma una prenotazione dallo sportello online</translation>
    </message>
    <message>
        <source>Optional. For example: ring the bell marked Centro, 2nd floor.</source>
        <translation>Facoltativo. Per esempio: suonate il campanello «Centro», 2° piano.</translation>
    </message>
</context>
<context>
    <name>BookingDeclineDialog</name>
    <message>
        <source>&amp;Decline booking</source>
        <translation>&amp;Rifiuta prenotazione</translation>
    </message>
    <message>
        <source>Decline a help desk booking</source>
        <translation>Rifiuta una prenotazione dallo sportello online</translation>
    </message>
    <message>
        <source>&amp;Message to the person (required):</source>
        <translation>&amp;Messaggio alla persona (obbligatorio):</translation>
    </message>
    <message>
        <source>For example: we cannot meet at that time; please choose another one, or call us.</source>
        <translation>Per esempio: a quell&apos;ora non possiamo incontrarci; scegliete un altro orario o chiamateci.</translation>
    </message>
    <message>
        <source>Reason for the team</source>
        <translation>Motivo per l&apos;équipe</translation>
    </message>
    <message>
        <source>&amp;Reason, for the team only (optional):</source>
        <translation>Moti&amp;vo, solo per l&apos;équipe (facoltativo):</translation>
    </message>
    <message>
        <source>write a message to the person: they will read it</source>
        <translation>scrivete un messaggio alla persona: lo leggerà</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Precedente</translation>
    </message>
    <message>
        <source>Previous day or week (Alt+Left)</source>
        <translation>Giorno o settimana precedente (Alt+Freccia sinistra)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Back to today (T)</source>
        <translation>Torna a oggi (T)</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Successivo ›</translation>
    </message>
    <message>
        <source>Next day or week (Alt+Right)</source>
        <translation>Giorno o settimana successiva (Alt+Freccia destra)</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Periodo mostrato</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Vai alla data</translation>
    </message>
    <message>
        <source>&amp;Go to:</source>
        <translation>&amp;Vai a:</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Giorno</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>Se&amp;ttimana</translation>
    </message>
    <message>
        <source>M&amp;onth</source>
        <translation>Me&amp;se</translation>
    </message>
    <message>
        <source>Show one day</source>
        <translation>Mostra un giorno</translation>
    </message>
    <message>
        <source>Show one week</source>
        <translation>Mostra una settimana</translation>
    </message>
    <message>
        <source>Show one month</source>
        <translation>Mostra un mese</translation>
    </message>
    <message>
        <source>Whose appointments</source>
        <translation>Di chi sono gli appuntamenti</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>I miei</translation>
    </message>
    <message>
        <source>My team: {name}</source>
        <translation>La mia équipe: {name}</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Mostra:</translation>
    </message>
    <message>
        <source>New &amp;appointment</source>
        <translation>Nuovo &amp;appuntamento</translation>
    </message>
    <message>
        <source>Book a new appointment (Ctrl+N)</source>
        <translation>Prenota un nuovo appuntamento (Ctrl+N)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Esporta…</translation>
    </message>
    <message>
        <source>Save appointments as a calendar file (.ics) for other programs</source>
        <translation>Salva gli appuntamenti in un file di calendario (.ics) per altri programmi</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>Im&amp;porta…</translation>
    </message>
    <message>
        <source>Read appointments from a calendar file (.ics)</source>
        <translation>Leggi appuntamenti da un file di calendario (.ics)</translation>
    </message>
    <message>
        <source>Appointments shown</source>
        <translation>Appuntamenti mostrati</translation>
    </message>
    <message>
        <source>Appo&amp;intments:</source>
        <translation>Appu&amp;ntamenti:</translation>
    </message>
    <message>
        <source>Previous day or week</source>
        <translation>Giorno o settimana precedente</translation>
    </message>
    <message>
        <source>Next day or week</source>
        <translation>Giorno o settimana successiva</translation>
    </message>
    <message>
        <source>Back to today</source>
        <translation>Torna a oggi</translation>
    </message>
    <message>
        <source>Book a new appointment</source>
        <translation>Fissa un nuovo appuntamento</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Week {number}: {monday} to {sunday}</source>
        <translation>Settimana {number}: da {monday} a {sunday}</translation>
    </message>
    <message>
        <source>No appointments on this day.</source>
        <translation>Nessun appuntamento in questo giorno.</translation>
    </message>
    <message>
        <source>No appointments this week.</source>
        <translation>Nessun appuntamento in questa settimana.</translation>
    </message>
    <message>
        <source>No appointments this month.</source>
        <translation>Nessun appuntamento questo mese.</translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appuntamento</numerusform>
            <numerusform>%n appuntamenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s) saved to {file}</source>
        <translation>
            <numerusform>%n appuntamento salvato in {file}</numerusform>
            <numerusform>%n appuntamenti salvati in {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>The calendar could not be read: {reason}</source>
        <translation>Impossibile leggere il calendario: {reason}</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>overlaps with {what}</source>
        <translation>si sovrappone a {what}</translation>
    </message>
    <message>
        <source>repeats</source>
        <translation>ricorrente</translation>
    </message>
</context>
<context>
    <name>CodeMaker</name>
    <message>
        <source>Mother&apos;s first name</source>
        <translation>Nome della madre</translation>
    </message>
    <message>
        <source>Father&apos;s first name</source>
        <translation>Nome del padre</translation>
    </message>
    <message>
        <source>Day of birth (1-31)</source>
        <translation>Giorno di nascita (1-31)</translation>
    </message>
    <message>
        <source>Month of birth (1-12)</source>
        <translation>Mese di nascita (1-12)</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <source>Gender (F, M or X)</source>
        <translation>Genere (F, M o X)</translation>
    </message>
</context>
<context>
    <name>CodeMakerDialog</name>
    <message>
        <source>&amp;Make the code</source>
        <translation>&amp;Crea il codice</translation>
    </message>
    <message>
        <source>Anonymous code</source>
        <translation>Codice anonimo</translation>
    </message>
    <message>
        <source>Ask the person these questions. Their answers are never kept: only the code is.</source>
        <translation>Fai queste domande alla persona. Le risposte non vengono mai conservate: solo il codice.</translation>
    </message>
    <message>
        <source>This computer has not received the organisation&apos;s code key yet: sync it with the service first.</source>
        <translation>Questo computer non ha ancora ricevuto la chiave dei codici dell&apos;organizzazione: sincronizzalo prima con il servizio.</translation>
    </message>
    <message>
        <source>met before by your team</source>
        <translation>già incontrato dalla tua équipe</translation>
    </message>
    <message>
        <source>new to your team</source>
        <translation>nuovo per la tua équipe</translation>
    </message>
    <message>
        <source>Code: {code} ({seen})</source>
        <translation>Codice: {code} ({seen})</translation>
    </message>
    <message>
        <source>&amp;Use this code</source>
        <translation>&amp;Usa questo codice</translation>
    </message>
    <message>
        <source>Did you mean one of these? One answer differs:</source>
        <translation>Intendevi uno di questi? Una risposta è diversa:</translation>
    </message>
    <message>
        <source>{code} (differs in: {input})</source>
        <translation>{code} (diverso in: {input})</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Two people changed the same detail before their computers synced. Prossimo kept both values: choose the right one, or type the correct value. Your decision reaches the team with the next sync.</source>
        <translation>Due persone hanno cambiato lo stesso dato prima che i loro computer si sincronizzassero. Prossimo ha conservato entrambi i valori: scegli quello giusto o scrivi il valore corretto. La decisione arriverà all&apos;équipe con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Choose a record on the left to see what collided.</source>
        <translation>Scegli una scheda a sinistra per vedere quali dati sono in conflitto.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect to your organisation</source>
        <translation>Collegamento all&apos;organizzazione</translation>
    </message>
    <message>
        <source>Your IT staff give you the service address. Your username and password are the ones for Prossimo at your organisation.</source>
        <translation>L&apos;indirizzo del servizio viene fornito dal personale informatico. Nome utente e password sono quelli di Prossimo presso la tua organizzazione.</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Indirizzo del servizio</translation>
    </message>
    <message>
        <source>Certificate authority file (optional)</source>
        <translation>File dell&apos;autorità di certificazione (facoltativo)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Service &amp;address:</source>
        <translation>&amp;Indirizzo del servizio:</translation>
    </message>
    <message>
        <source>&amp;Certificate authority:</source>
        <translation>&amp;Autorità di certificazione:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nome utente:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>File dell&apos;autorità di certificazione</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificati (*.pem *.crt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>file non trovato</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obbligatorio</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Collegamento in corso…</translation>
    </message>
    <message>
        <source>This computer is now connected.</source>
        <translation>Questo computer ora è collegato.</translation>
    </message>
    <message>
        <source>the username or the password is not right</source>
        <translation>nome utente o password non corretti</translation>
    </message>
    <message>
        <source>too many attempts; wait {s} seconds</source>
        <translation>troppi tentativi; attendi {s} secondi</translation>
    </message>
    <message>
        <source>there is no server with this name: check the address (is it typed right?) and that this computer is online</source>
        <translation>non esiste un server con questo nome: controlla l&apos;indirizzo (è scritto giusto?) e che il computer sia connesso a internet</translation>
    </message>
    <message>
        <source>nothing answers at this address: check the address and the port; if they are right, ask IT whether the service is running</source>
        <translation>a questo indirizzo non risponde nulla: controlla l&apos;indirizzo e la porta; se sono giusti, chiedi al personale informatico se il servizio è attivo</translation>
    </message>
    <message>
        <source>this address answers, but it is not a Prossimo service: check the address</source>
        <translation>a questo indirizzo risponde qualcosa, ma non è un servizio Prossimo: controlla l&apos;indirizzo</translation>
    </message>
    <message>
        <source>the service cannot be reached ({reason}); check the address and the connection, or go back and choose offline only</source>
        <translation>il servizio non è raggiungibile ({reason}); controlla l&apos;indirizzo e la connessione, oppure torna indietro e scegli di usare Prossimo solo offline</translation>
    </message>
    <message>
        <source>the service cannot be reached ({reason}); check the address and the connection</source>
        <translation>il servizio non è raggiungibile ({reason}); controlla l&apos;indirizzo e la connessione</translation>
    </message>
</context>
<context>
    <name>ConsentBadge</name>
    <message>
        <source>expires in 1 day</source>
        <translation>scade tra 1 giorno</translation>
    </message>
    <message>
        <source>expires in {days} days</source>
        <translation>scade tra {days} giorni</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>revocato</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>scaduto</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>non ancora valido</translation>
    </message>
    <message>
        <source>active</source>
        <translation>attivo</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Add a consent</source>
        <translation>Aggiungi un consenso</translation>
    </message>
    <message>
        <source>Separate recipients with commas</source>
        <translation>Separa i destinatari con una virgola</translation>
    </message>
    <message>
        <source>E&amp;xpires</source>
        <translation>S&amp;cade</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Finalità:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Modalità:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Ambito:</translation>
    </message>
    <message>
        <source>&amp;Recipients:</source>
        <translation>&amp;Destinatari:</translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation>Dato &amp;il:</translation>
    </message>
    <message>
        <source>Valid &amp;until:</source>
        <translation>&amp;Valido fino al:</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valido fino al</translation>
    </message>
    <message>
        <source>The consent expires</source>
        <translation>Il consenso scade</translation>
    </message>
</context>
<context>
    <name>ContactDetail</name>
    <message>
        <source>← &amp;Back to list</source>
        <translation>← &amp;Torna all&apos;elenco</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Torna all&apos;elenco</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>Re&amp;fer…</source>
        <translation>&amp;Invia a un servizio…</translation>
    </message>
    <message>
        <source>Book &amp;appointment…</source>
        <translation>&amp;Fissa un appuntamento…</translation>
    </message>
    <message>
        <source>&amp;Delete contact…</source>
        <translation>&amp;Elimina contatto…</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consensi</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Relazioni</translation>
    </message>
    <message>
        <source>Notes and appointments</source>
        <translation>Note e appuntamenti</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Invii ai servizi</translation>
    </message>
    <message>
        <source>Add &amp;consent…</source>
        <translation>Aggiungi c&amp;onsenso…</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent…</source>
        <translation>&amp;Revoca consenso…</translation>
    </message>
    <message>
        <source>Add &amp;relationship…</source>
        <translation>Aggiungi re&amp;lazione…</translation>
    </message>
    <message>
        <source>&amp;Open related contact</source>
        <translation>&amp;Apri contatto collegato</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Aggiungi &amp;nota…</translation>
    </message>
    <message>
        <source>Correc&amp;t selected note…</source>
        <translation>&amp;Correggi nota selezionata…</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identità</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Recapiti</translation>
    </message>
    <message>
        <source>Notes and appointments (newest first)</source>
        <translation>Note e appuntamenti (dal più recente)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>This contact no longer exists</source>
        <translation>Questo contatto non esiste più</translation>
    </message>
    <message>
        <source>This contact could not be shown</source>
        <translation>Impossibile mostrare questo contatto</translation>
    </message>
    <message>
        <source>{alias} (alias)</source>
        <translation>{alias} (alias)</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etichette</translation>
    </message>
    <message>
        <source>{resource} · {status}</source>
        <translation>{resource} · {status}</translation>
    </message>
    <message>
        <source>(unknown service)</source>
        <translation>(servizio sconosciuto)</translation>
    </message>
    <message>
        <source>No referrals yet.</source>
        <translation>Ancora nessun invio.</translation>
    </message>
    <message>
        <source>given {date}</source>
        <translation>dato il {date}</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>fino al {date}</translation>
    </message>
    <message>
        <source>{badge} — {details}</source>
        <translation>{badge} — {details}</translation>
    </message>
    <message>
        <source>No consent recorded.</source>
        <translation>Nessun consenso registrato.</translation>
    </message>
    <message>
        <source>{kind} of {name}</source>
        <translation>{kind} di {name}</translation>
    </message>
    <message>
        <source>{name} — {kind}</source>
        <translation>{name} — {kind}</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open this contact</source>
        <translation>Premi Invio o fai doppio clic per aprire questo contatto</translation>
    </message>
    <message>
        <source>No relationships recorded.</source>
        <translation>Nessuna relazione registrata.</translation>
    </message>
    <message>
        <source>No notes or appointments yet.</source>
        <translation>Ancora nessuna nota o appuntamento.</translation>
    </message>
    <message>
        <source>{date} · Note · {kind}</source>
        <translation>{date} · Nota · {kind}</translation>
    </message>
    <message>
        <source>correction of an earlier note</source>
        <translation>correzione di una nota precedente</translation>
    </message>
    <message>
        <source>corrected by a later note</source>
        <translation>corretta da una nota successiva</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Appuntamento</translation>
    </message>
    <message>
        <source>Written {date} by you</source>
        <translation>Scritta il {date} da te</translation>
    </message>
    <message>
        <source>Written {date} by {name}</source>
        <translation>Scritta il {date} da {name}</translation>
    </message>
    <message>
        <source>Written {date} by a colleague</source>
        <translation>Scritta il {date} da un collega</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Revoca consenso</translation>
    </message>
    <message>
        <source>Record that this consent was withdrawn now? It stays on record as withdrawn.</source>
        <translation>Registrare che questo consenso è stato revocato ora? Resterà registrato come revocato.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Revoca</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Elimina contatto</translation>
    </message>
    <message>
        <source>Delete this contact? They disappear from every list on this computer; the deletion is final once the service has confirmed it.</source>
        <translation>Eliminare questo contatto? Scomparirà da tutti gli elenchi su questo computer; l&apos;eliminazione diventa definitiva quando il servizio l&apos;ha confermata.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Elimina</translation>
    </message>
    <message>
        <source>the record no longer exists</source>
        <translation>la scheda non esiste più</translation>
    </message>
    <message>
        <source>That did not work: {reason}</source>
        <translation>Operazione non riuscita: {reason}</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>Operazione non riuscita. Riprova.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Edit contact</source>
        <translation>Modifica contatto</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>e.g. 1984</source>
        <translation>es. 1984</translation>
    </message>
    <message>
        <source>e.g. it, fi, en-GB</source>
        <translation>es. it, fi, en-GB</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Nessuna équipe</translation>
    </message>
    <message>
        <source>Separate tags with commas</source>
        <translation>Separa le etichette con una virgola</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation>&amp;Cognome:</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>Ann&amp;o di nascita:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Tele&amp;fono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>&amp;Indirizzo:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>M&amp;unicipality:</source>
        <translation>Co&amp;mune:</translation>
    </message>
    <message>
        <source>Tea&amp;m:</source>
        <translation>Éq&amp;uipe:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>Etic&amp;hette:</translation>
    </message>
    <message>
        <source>Another team</source>
        <translation>Un&apos;altra équipe</translation>
    </message>
    <message>
        <source>This contact was deleted meanwhile.</source>
        <translation>Nel frattempo questo contatto è stato eliminato.</translation>
    </message>
    <message>
        <source>The contact could not be saved. Please try again.</source>
        <translation>Impossibile salvare il contatto. Riprova.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etichette</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Pseudonymous contact: known by an alias only</source>
        <translation>Contatto con pseudonimo: conosciuto solo tramite alias</translation>
    </message>
    <message>
        <source>{alias} (alias)</source>
        <translation>{alias} (alias)</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Choose a contact</source>
        <translation>Scegli un contatto</translation>
    </message>
    <message>
        <source>Type a name, alias, municipality or phone</source>
        <translation>Scrivi un nome, alias, comune o telefono</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Cerca contatti</translation>
    </message>
    <message>
        <source>Matching contacts</source>
        <translation>Contatti trovati</translation>
    </message>
    <message>
        <source>Start typing to search.</source>
        <translation>Inizia a scrivere per cercare.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cerca:</translation>
    </message>
    <message>
        <source>No contact matches.</source>
        <translation>Nessun contatto trovato.</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Type a name, alias, municipality, phone or tag</source>
        <translation>Scrivi un nome, alias, comune, telefono o etichetta</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Cerca contatti</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cerca:</translation>
    </message>
    <message>
        <source>&amp;New contact…</source>
        <translation>&amp;Nuovo contatto…</translation>
    </message>
    <message>
        <source>Filter by team</source>
        <translation>Filtra per équipe</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Tutte le équipe</translation>
    </message>
    <message>
        <source>Filter by municipality</source>
        <translation>Filtra per comune</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Tutti i comuni</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtra per etichetta</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Tutte le etichette</translation>
    </message>
    <message>
        <source>Loading contacts…</source>
        <translation>Caricamento dei contatti…</translation>
    </message>
    <message>
        <source>List status</source>
        <translation>Stato dell&apos;elenco</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>Éq&amp;uipe:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>Co&amp;mune:</translation>
    </message>
    <message>
        <source>Ta&amp;g:</source>
        <translation>E&amp;tichetta:</translation>
    </message>
    <message>
        <source>Go to the search</source>
        <translation>Vai alla ricerca</translation>
    </message>
    <message>
        <source>The search index is being built: some contacts are not found yet.</source>
        <translation>Indice di ricerca in costruzione: alcuni contatti non si trovano ancora.</translation>
    </message>
    <message>
        <source>Showing the first {count} matches; type more to narrow the search.</source>
        <translation>Sono mostrati i primi {count} risultati; scrivi di più per restringere la ricerca.</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 risultato</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>{count} risultati</translation>
    </message>
    <message>
        <source>1 contact matches the filters</source>
        <translation>1 contatto corrisponde ai filtri</translation>
    </message>
    <message>
        <source>{count} contacts match the filters</source>
        <translation>{count} contatti corrispondono ai filtri</translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 contatto</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} contatti</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Demo passphrase: {passphrase}</source>
        <translation>Frase segreta della demo: {passphrase}</translation>
    </message>
</context>
<context>
    <name>DirectoryFiles</name>
    <message>
        <source>HSDS JSON file (*.json)</source>
        <translation>File HSDS JSON (*.json)</translation>
    </message>
    <message>
        <source>HSDS data package: a new folder of CSV files (*)</source>
        <translation>Pacchetto dati HSDS: una nuova cartella di file CSV (*)</translation>
    </message>
    <message>
        <source>Im&amp;port directory…</source>
        <translation>Importa elenco da &amp;file…</translation>
    </message>
    <message>
        <source>Import a directory file</source>
        <translation>Importa un file dell&apos;elenco dei servizi</translation>
    </message>
    <message>
        <source>Add or update services from an HSDS file (JSON or a data package)</source>
        <translation>Aggiungi o aggiorna servizi da un file HSDS (JSON o pacchetto dati)</translation>
    </message>
    <message>
        <source>E&amp;xport directory…</source>
        <translation>Esporta elenco in &amp;un file…</translation>
    </message>
    <message>
        <source>Export the directory to a file</source>
        <translation>Esporta l&apos;elenco dei servizi in un file</translation>
    </message>
    <message>
        <source>Save every service as an HSDS file (JSON or a data package)</source>
        <translation>Salva tutti i servizi in un file HSDS (JSON o pacchetto dati)</translation>
    </message>
    <message>
        <source>Export the directory</source>
        <translation>Esporta l&apos;elenco dei servizi</translation>
    </message>
    <message>
        <source>Directory exported</source>
        <translation>Elenco esportato</translation>
    </message>
    <message>
        <source>Saved {services} services at {places} places in {path}.</source>
        <translation>Salvati {services} servizi in {places} sedi in {path}.</translation>
    </message>
    <message>
        <source>The directory was not exported.</source>
        <translation>L&apos;elenco non è stato esportato.</translation>
    </message>
    <message>
        <source>Directory not imported</source>
        <translation>Elenco non importato</translation>
    </message>
    <message>
        <source>Import a directory</source>
        <translation>Importa un elenco dei servizi</translation>
    </message>
    <message>
        <source>HSDS files: a .json file, or a package&apos;s {descriptor} (*.json)</source>
        <translation>File HSDS: un file .json, oppure il {descriptor} di un pacchetto (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
    <message>
        <source>1 row of the file went into no service: the details say why.</source>
        <translation>1 riga del file non è entrata in nessun servizio: i dettagli spiegano perché.</translation>
    </message>
    <message>
        <source>{count} rows of the file went into no service: the details say why.</source>
        <translation>{count} righe del file non sono entrate in nessun servizio: i dettagli spiegano perché.</translation>
    </message>
    <message>
        <source>The file holds data the directory does not keep: the details list it.</source>
        <translation>Il file contiene dati che l&apos;elenco non conserva: li trovi nei dettagli.</translation>
    </message>
    <message>
        <source>Directory imported</source>
        <translation>Elenco importato</translation>
    </message>
    <message>
        <source>Imported {entries} services from {name}: {created} new, {updated} updated, {unchanged} already up to date.</source>
        <translation>Importati {entries} servizi da {name}: {created} nuovi, {updated} aggiornati, {unchanged} già aggiornati.</translation>
    </message>
    <message>
        <source>The directory was not imported. Nothing was changed.</source>
        <translation>L&apos;elenco non è stato importato. Non è cambiato nulla.</translation>
    </message>
    <message>
        <source>This profile is connected to your organisation&apos;s service, which keeps the directory: it arrives here by sync. Ask IT to import the file on the service.</source>
        <translation>Questo profilo è collegato al servizio della tua organizzazione, che custodisce l&apos;elenco: arriva qui con la sincronizzazione. Chiedi all&apos;assistenza informatica di importare il file sul servizio.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}).</source>
        <translation>Si è verificato un problema imprevisto ({error}).</translation>
    </message>
    <message>
        <source>Directory files</source>
        <translation>File dell&apos;elenco dei servizi</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Prossimo is ready. It locks itself after some minutes without activity; your passphrase opens it again.</source>
        <translation>Prossimo è pronto. Si blocca da solo dopo alcuni minuti di inattività; la frase segreta lo sblocca di nuovo.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export appointments</source>
        <translation>Esporta appuntamenti</translation>
    </message>
    <message>
        <source>The &amp;period shown: {period}</source>
        <translation>Il &amp;periodo mostrato: {period}</translation>
    </message>
    <message>
        <source>&amp;These dates:</source>
        <translation>&amp;Queste date:</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primo giorno</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Ultimo giorno</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Whose appointments</source>
        <translation>Di chi sono gli appuntamenti</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>I miei</translation>
    </message>
    <message>
        <source>My team: {name}</source>
        <translation>La mia équipe: {name}</translation>
    </message>
    <message>
        <source>Everyone&apos;s on this computer</source>
        <translation>Tutti quelli su questo computer</translation>
    </message>
    <message>
        <source>&amp;Whose:</source>
        <translation>&amp;Di chi:</translation>
    </message>
    <message>
        <source>Include clients&apos; &amp;names</source>
        <translation>Includi i &amp;nomi degli utenti</translation>
    </message>
    <message>
        <source>Include clients&apos; names in the file</source>
        <translation>Includi i nomi degli utenti nel file</translation>
    </message>
    <message>
        <source>Off by default: anyone who gets the file, or sees the calendar it is imported into, could read who the appointments are with. With names, home visit addresses are included too.</source>
        <translation>Disattivato di norma: chiunque riceva il file, o veda il calendario in cui viene importato, potrebbe leggere con chi sono gli appuntamenti. Con i nomi vengono inclusi anche gli indirizzi delle visite domiciliari.</translation>
    </message>
    <message>
        <source>File to save</source>
        <translation>File da salvare</translation>
    </message>
    <message>
        <source>appointments.ics</source>
        <translation>appuntamenti.ics</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Fil&amp;e:</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;sporta</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>Riservatezza:</translation>
    </message>
    <message>
        <source>Save appointments as</source>
        <translation>Salva gli appuntamenti come</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>File di calendario (*.ics)</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Appuntamento</translation>
    </message>
    <message>
        <source>{what} ({place})</source>
        <translation>{what} ({place})</translation>
    </message>
    <message>
        <source>{summary} – {names}</source>
        <translation>{summary} – {names}</translation>
    </message>
    <message>
        <source>The details are in Prossimo.</source>
        <translation>I dettagli sono in Prossimo.</translation>
    </message>
    <message>
        <source>With: {names}</source>
        <translation>Con: {names}</translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation>Promemoria appuntamento</translation>
    </message>
    <message>
        <source>The last day must not be before the first.</source>
        <translation>L&apos;ultimo giorno non può essere prima del primo.</translation>
    </message>
    <message>
        <source>Type or choose where to save the file.</source>
        <translation>Scrivi o scegli dove salvare il file.</translation>
    </message>
    <message>
        <source>There are no appointments to export in this period: no file was written.</source>
        <translation>Non ci sono appuntamenti da esportare in questo periodo: nessun file è stato scritto.</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Non è stato possibile scrivere il file: {reason}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up Prossimo</source>
        <translation>Configura Prossimo</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Discard changes?</source>
        <translation>Scartare le modifiche?</translation>
    </message>
    <message>
        <source>What you typed in this window has not been saved. Discard it?</source>
        <translation>Quello che hai scritto in questa finestra non è stato salvato. Lo scarti?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Scarta</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Continua a modificare</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>Useful services</source>
        <translation>Servizi utili</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Orari di apertura</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Giorni di chiusura e altri orari</translation>
    </message>
    <message>
        <source>Languages spoken</source>
        <translation>Lingue parlate</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Chiuso</translation>
    </message>
    <message>
        <source>Not known: ask before going</source>
        <translation>Non noti: chiedi prima di andare</translation>
    </message>
    <message>
        <source>Not verified recently: call before going</source>
        <translation>Non verificato di recente: telefona prima di andare</translation>
    </message>
    <message>
        <source>Temporarily closed: call before going</source>
        <translation>Chiuso temporaneamente: telefona prima di andare</translation>
    </message>
    <message>
        <source>Printed on {date}</source>
        <translation>Stampato il {date}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Pagina {page} di {pages}</translation>
    </message>
    <message>
        <source>Scan to call</source>
        <translation>Inquadra per chiamare</translation>
    </message>
    <message>
        <source>Scan to send a text message</source>
        <translation>Inquadra per mandare un SMS</translation>
    </message>
    <message>
        <source>Scan for the address</source>
        <translation>Inquadra per l&apos;indirizzo</translation>
    </message>
    <message>
        <source>text messages</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>fax</translation>
    </message>
    <message>
        <source>helpline</source>
        <translation>linea d&apos;ascolto</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <source>Print a handout</source>
        <translation>Stampa un foglio informativo sui servizi</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) chosen</source>
        <translation>
            <numerusform>%n servizio scelto</numerusform>
            <numerusform>%n servizi scelti</numerusform>
        </translation>
    </message>
    <message>
        <source>Services on the handout</source>
        <translation>Servizi nel foglio informativo</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Lingua del foglio informativo</translation>
    </message>
    <message>
        <source>La&amp;rge print</source>
        <translation>&amp;Caratteri grandi</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Caratteri grandi</translation>
    </message>
    <message>
        <source>Handout &amp;language:</source>
        <translation>&amp;Lingua del foglio informativo:</translation>
    </message>
    <message>
        <source>The handout lists services only: no names or personal details are printed.</source>
        <translation>Il foglio informativo elenca solo i servizi: non vengono stampati nomi né dati personali.</translation>
    </message>
    <message>
        <source>Preview of the first page</source>
        <translation>Anteprima della prima pagina</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Salva PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Stam&amp;pa…</translation>
    </message>
    <message>
        <source>Choose at least one service to print.</source>
        <translation>Scegli almeno un servizio da stampare.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n pagina</numerusform>
            <numerusform>%n pagine</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the handout as PDF</source>
        <translation>Salva il foglio informativo come PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation>Impossibile salvare {file}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Saved {file} (%n page(s)).</source>
        <translation>
            <numerusform>Salvato {file} (%n pagina).</numerusform>
            <numerusform>Salvato {file} (%n pagine).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not print: {reason}</source>
        <translation>Impossibile stampare: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Sent to the printer (%n page(s)).</source>
        <translation>
            <numerusform>Inviato alla stampante (%n pagina).</numerusform>
            <numerusform>Inviato alla stampante (%n pagine).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import appointments</source>
        <translation>Importa appuntamenti</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>File da importare</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Fil&amp;e:</translation>
    </message>
    <message>
        <source>Appointments exported from Prossimo are updated. Events made by other calendar programs do not say which client they are with: choose the contact to add them to, or they are skipped.</source>
        <translation>Gli appuntamenti esportati da Prossimo vengono aggiornati. Gli eventi creati da altri programmi di calendario non dicono con quale utente sono: scegli il contatto a cui aggiungerli, altrimenti vengono saltati.</translation>
    </message>
    <message>
        <source>Events from other calendar programs</source>
        <translation>Eventi da altri programmi di calendario</translation>
    </message>
    <message>
        <source>No contact chosen: these events will be skipped.</source>
        <translation>Nessun contatto scelto: questi eventi verranno saltati.</translation>
    </message>
    <message>
        <source>Choose &amp;contact…</source>
        <translation>Scegli &amp;contatto…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>T&amp;ogli</translation>
    </message>
    <message>
        <source>Clear the chosen contact</source>
        <translation>Togli il contatto scelto</translation>
    </message>
    <message>
        <source>Kind of place for these events</source>
        <translation>Tipo di luogo per questi eventi</translation>
    </message>
    <message>
        <source>Kind of &amp;place:</source>
        <translation>Tipo di &amp;luogo:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Contatto:</translation>
    </message>
    <message>
        <source>Import result</source>
        <translation>Esito dell&apos;importazione</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importa</translation>
    </message>
    <message>
        <source>Import appointments from</source>
        <translation>Importa appuntamenti da</translation>
    </message>
    <message>
        <source>Calendar files (*.ics *.ical *.ifb *.icalendar)</source>
        <translation>File di calendario (*.ics *.ical *.ifb *.icalendar)</translation>
    </message>
    <message>
        <source>Type or choose the file to import.</source>
        <translation>Scrivi o scegli il file da importare.</translation>
    </message>
    <message>
        <source>The file holds no events: nothing was imported.</source>
        <translation>Il file non contiene eventi: non è stato importato nulla.</translation>
    </message>
    <message>
        <source>{created} new, {updated} updated, {unchanged} already up to date.</source>
        <translation>{created} nuovi, {updated} aggiornati, {unchanged} già aggiornati.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) from other calendar programs skipped: choose the contact they are with to import them.</source>
        <translation>
            <numerusform>%n evento di un altro programma di calendario saltato: scegli la persona con cui è, per importarlo.</numerusform>
            <numerusform>%n eventi di altri programmi di calendario saltati: scegli la persona con cui sono, per importarli.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment was deleted on this computer.</source>
        <translation>
            <numerusform>%n evento saltato: l&apos;appuntamento è stato eliminato su questo computer.</numerusform>
            <numerusform>%n eventi saltati: gli appuntamenti sono stati eliminati su questo computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment is not on this computer (it may not have synchronised yet).</source>
        <translation>
            <numerusform>%n evento saltato: l&apos;appuntamento non è su questo computer (forse non è ancora sincronizzato).</numerusform>
            <numerusform>%n eventi saltati: gli appuntamenti non sono su questo computer (forse non sono ancora sincronizzati).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported. The file has these problems:</source>
        <translation>Non è stato importato nulla. Il file ha questi problemi:</translation>
    </message>
    <message>
        <source>…and {n} more.</source>
        <translation>…e altri {n}.</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>Non è stato possibile leggere il file: {reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>Non è stato importato nulla: {reason}</translation>
    </message>
</context>
<context>
    <name>IntakeAcceptDialog</name>
    <message>
        <source>Accept a help desk request</source>
        <translation>Accetta una richiesta dallo sportello online</translation>
    </message>
    <message>
        <source>{kind} from {alias}, received {when}.</source>
        <translation>{kind} da {alias}. Data di arrivo: {when}.</translation>
    </message>
    <message>
        <source>Create a &amp;new contact (alias only)</source>
        <translation>Crea un &amp;nuovo contatto (solo alias)</translation>
    </message>
    <message>
        <source>&amp;Match someone already known</source>
        <translation>&amp;Collega a una persona già conosciuta</translation>
    </message>
    <message>
        <source>Choose &amp;contact…</source>
        <translation>&amp;Scegli contatto…</translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation>Ancora nessuno scelto.</translation>
    </message>
    <message>
        <source>Matched contact</source>
        <translation>Contatto collegato</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Preferred language (code such as it, fi, en)</source>
        <translation>Lingua preferita (codice come it, fi, en)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>The team the request was sent to</source>
        <translation>L&apos;équipe a cui è stata inviata la richiesta</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Nessuna équipe</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefono</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>Éq&amp;uipe</translation>
    </message>
    <message>
        <source>Appointment date</source>
        <translation>Data dell&apos;appuntamento</translation>
    </message>
    <message>
        <source>Appointment time</source>
        <translation>Ora dell&apos;appuntamento</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Durata in minuti</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>They prefer</source>
        <translation>Preferisce</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>T&amp;ime</source>
        <translation>&amp;Ora</translation>
    </message>
    <message>
        <source>Len&amp;gth</source>
        <translation>Du&amp;rata</translation>
    </message>
    <message>
        <source>W&amp;here</source>
        <translation>Do&amp;ve</translation>
    </message>
    <message>
        <source>T&amp;opic</source>
        <translation>Ar&amp;gomento</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso orario</translation>
    </message>
    <message>
        <source>&amp;Accept request</source>
        <translation>&amp;Accetta richiesta</translation>
    </message>
    <message>
        <source>Alia&amp;s</source>
        <translation>Al&amp;ias</translation>
    </message>
    <message>
        <source>P&amp;ropose an appointment</source>
        <translation>&amp;Proponi un appuntamento</translation>
    </message>
    <message>
        <source>choose the contact this request is from</source>
        <translation>scegli il contatto da cui arriva la richiesta</translation>
    </message>
</context>
<context>
    <name>IntakeDeclineDialog</name>
    <message>
        <source>Decline a help desk request</source>
        <translation>Rifiuta una richiesta dallo sportello online</translation>
    </message>
    <message>
        <source>Say why the request from {alias} is declined. Colleagues who open it later will read this.</source>
        <translation>Indica perché la richiesta di {alias} viene rifiutata. I colleghi che la apriranno in seguito leggeranno questo testo.</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Motivo del rifiuto</translation>
    </message>
    <message>
        <source>For example: already in contact with another service</source>
        <translation>Per esempio: già seguito da un altro servizio</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Decline request</source>
        <translation>&amp;Rifiuta richiesta</translation>
    </message>
    <message>
        <source>say why the request is declined</source>
        <translation>indica perché la richiesta viene rifiutata</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>They read this on the help desk&apos;s status page when they enter their reference and check words. The site sends no SMS or email: if they asked to be called or written to, do that yourself.</source>
        <translation>La persona lo legge nella pagina di stato dello sportello online, inserendo il suo codice di riferimento e le parole di controllo. Il sito non invia SMS né email: se ha chiesto di essere chiamata o di ricevere un messaggio, fatelo voi.</translation>
    </message>
    <message>
        <source>Help desk requests</source>
        <translation>Richieste dallo sportello online</translation>
    </message>
    <message>
        <source>Requests shown</source>
        <translation>Richieste mostrate</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuove</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tutte</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Mostra:</translation>
    </message>
    <message>
        <source>&amp;Open the contact</source>
        <translation>Apri &amp;il contatto</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Richieste</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuta il</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation>Recapito</translation>
    </message>
    <message>
        <source>Preferred times</source>
        <translation>Orari preferiti</translation>
    </message>
    <message>
        <source>May say who it is from</source>
        <translation>Si può dire chi chiama</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Agrees to be contacted</source>
        <translation>Consenso a essere ricontattati</translation>
    </message>
    <message>
        <source>Reference code</source>
        <translation>Codice di riferimento</translation>
    </message>
    <message>
        <source>Time chosen</source>
        <translation>Orario scelto</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Fascia oraria</translation>
    </message>
    <message>
        <source>Reason declined</source>
        <translation>Motivo del rifiuto</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>&amp;Accetta…</translation>
    </message>
    <message>
        <source>Make this request a contact, with a proposed appointment if wanted</source>
        <translation>Trasforma la richiesta in un contatto, con una proposta di appuntamento se serve</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>&amp;Rifiuta…</translation>
    </message>
    <message>
        <source>Con&amp;firm booking…</source>
        <translation>Con&amp;ferma prenotazione…</translation>
    </message>
    <message>
        <source>Book the chosen time for them; their status page shows it</source>
        <translation>Prenota l&apos;orario scelto; la sua pagina di stato lo mostra</translation>
    </message>
    <message>
        <source>Open &amp;contact</source>
        <translation>Apri &amp;contatto</translation>
    </message>
    <message>
        <source>Message to the person</source>
        <translation>Messaggio alla persona</translation>
    </message>
    <message>
        <source>Sa&amp;ve message</source>
        <translation>Sal&amp;va messaggio</translation>
    </message>
    <message>
        <source>New ({count})</source>
        <translation>Nuove ({count})</translation>
    </message>
    <message>
        <source>All ({count})</source>
        <translation>Tutte ({count})</translation>
    </message>
    <message>
        <source>No new requests. Choose All to see the ones already handled.</source>
        <translation>Nessuna nuova richiesta. Scegli «Tutte» per vedere quelle già gestite.</translation>
    </message>
    <message>
        <source>No requests have arrived from the help desk yet.</source>
        <translation>Non è ancora arrivata nessuna richiesta dallo sportello online.</translation>
    </message>
    <message>
        <source>Do not contact: they will get in touch themselves</source>
        <translation>Non contattare: prenderà contatto in autonomia</translation>
    </message>
    <message>
        <source>{channel}: {detail}</source>
        <translation>{channel}: {detail}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No: do not name the service</source>
        <translation>No: non nominare il servizio</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Confirm or decline the booking first</source>
        <translation>Prima confermate o rifiutate la prenotazione</translation>
    </message>
    <message>
        <source>Not on this device yet: it arrives with the next sync</source>
        <translation>Non ancora su questo computer: arriva con la prossima sincronizzazione</translation>
    </message>
    <message>
        <source>Removed from the calendar</source>
        <translation>Tolta dal calendario</translation>
    </message>
    <message>
        <source>Booked by another request</source>
        <translation>Prenotata da un&apos;altra richiesta</translation>
    </message>
    <message>
        <source>Held for this request until you confirm or decline it</source>
        <translation>Tenuta per questa richiesta finché non la confermate o rifiutate</translation>
    </message>
    <message>
        <source>Booked for this request</source>
        <translation>Prenotata per questa richiesta</translation>
    </message>
    <message>
        <source>Free again at the help desk</source>
        <translation>Di nuovo libera sullo sportello online</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Non ancora salvato.</translation>
    </message>
    <message>
        <source>Saved: they can read it on the status page.</source>
        <translation>Salvato: la persona può leggerlo nella pagina di stato.</translation>
    </message>
    <message>
        <source>No message yet.</source>
        <translation>Ancora nessun messaggio.</translation>
    </message>
    <message>
        <source>Booking confirmed: their status page now shows the time and place.</source>
        <translation>Prenotazione confermata: la sua pagina di stato ora mostra orario e luogo.</translation>
    </message>
    <message>
        <source>Booking declined: the slot is free again and their status page shows your message.</source>
        <translation>Prenotazione rifiutata: la fascia oraria è di nuovo libera e la sua pagina di stato mostra il vostro messaggio.</translation>
    </message>
    <message>
        <source>Request accepted: a new contact was created.</source>
        <translation>Richiesta accettata: è stato creato un nuovo contatto.</translation>
    </message>
    <message>
        <source>Request accepted and linked to the contact you chose.</source>
        <translation>Richiesta accettata e collegata al contatto scelto.</translation>
    </message>
    <message>
        <source>A proposed appointment is in the calendar, waiting for their confirmation.</source>
        <translation>Nel calendario c&apos;è una proposta di appuntamento, in attesa di conferma.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Pseudonymous (alias only)</source>
        <translation>Pseudonimo (solo alias)</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>Familiare</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Genitore</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Figlio/a</translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation>Fratello/sorella</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Caregiver</source>
        <translation>Caregiver</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutore</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>Amico/a</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
    <message>
        <source>Case management</source>
        <translation>Presa in carico</translation>
    </message>
    <message>
        <source>Referral to services</source>
        <translation>Invio ai servizi</translation>
    </message>
    <message>
        <source>Information sharing</source>
        <translation>Condivisione di informazioni</translation>
    </message>
    <message>
        <source>Being contacted</source>
        <translation>Essere ricontattati</translation>
    </message>
    <message>
        <source>Research</source>
        <translation>Ricerca</translation>
    </message>
    <message>
        <source>Verbal</source>
        <translation>Orale</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Scritto</translation>
    </message>
    <message>
        <source>Digital</source>
        <translation>Digitale</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ufficio</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>Visita domiciliare</translation>
    </message>
    <message>
        <source>Street outreach</source>
        <translation>Unità di strada</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Telefonata</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>Videochiamata</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Richiesto</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confermato</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Svolto</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Non si è presentato</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Chiamate</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Linea di assistenza</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Osservazione</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Incontro</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviato</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettato</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rifiutato</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluso</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Attivo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Non attivo</translation>
    </message>
    <message>
        <source>Closed for good</source>
        <translation>Chiuso definitivamente</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>Chiuso temporaneamente</translation>
    </message>
    <message>
        <source>First contact</source>
        <translation>Primo contatto</translation>
    </message>
    <message>
        <source>Appointment request</source>
        <translation>Richiesta di appuntamento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Text message (SMS)</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Non contattare</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuovo</translation>
    </message>
    <message>
        <source>Became a contact</source>
        <translation>Diventato contatto</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Di persona</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Per telefono</translation>
    </message>
    <message>
        <source>By video</source>
        <translation>In videochiamata</translation>
    </message>
    <message>
        <source>Open for booking</source>
        <translation>Prenotabile</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Ritirata</translation>
    </message>
    <message>
        <source>Held by a request, waiting for your answer</source>
        <translation>Tenuta da una richiesta, in attesa della vostra risposta</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Prenotata</translation>
    </message>
    <message>
        <source>On foot in the street</source>
        <translation>A piedi in strada</translation>
    </message>
    <message>
        <source>Mobile unit</source>
        <translation>Unità mobile</translation>
    </message>
    <message>
        <source>Drop-in</source>
        <translation>Drop-in</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Non chiesto</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Donna</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Uomo</translation>
    </message>
    <message>
        <source>Another gender</source>
        <translation>Altro genere</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>Meno di 18</translation>
    </message>
    <message>
        <source>18-24</source>
        <translation>18-24</translation>
    </message>
    <message>
        <source>25-34</source>
        <translation>25-34</translation>
    </message>
    <message>
        <source>35-44</source>
        <translation>35-44</translation>
    </message>
    <message>
        <source>45-54</source>
        <translation>45-54</translation>
    </message>
    <message>
        <source>55-64</source>
        <translation>55-64</translation>
    </message>
    <message>
        <source>65 or over</source>
        <translation>65 o più</translation>
    </message>
    <message>
        <source>Harm reduction</source>
        <translation>Riduzione del danno</translation>
    </message>
    <message>
        <source>Hygiene</source>
        <translation>Igiene</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Cibo</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informazione</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Moved in from another team</source>
        <translation>Arrivato da un&apos;altra équipe</translation>
    </message>
    <message>
        <source>Correction (more)</source>
        <translation>Correzione (in più)</translation>
    </message>
    <message>
        <source>Moved to another team</source>
        <translation>Passato a un&apos;altra équipe</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Scaduto</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Eliminato</translation>
    </message>
    <message>
        <source>Correction (less)</source>
        <translation>Correzione (in meno)</translation>
    </message>
    <message>
        <source>Used sharps returned</source>
        <translation>Taglienti usati restituiti</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Lunedì</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martedì</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercoledì</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Giovedì</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Venerdì</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sabato</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domenica</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>finlandese</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>svedese</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglese</translation>
    </message>
    <message>
        <source>French</source>
        <translation>francese</translation>
    </message>
    <message>
        <source>German</source>
        <translation>tedesco</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>spagnolo</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portoghese</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>rumeno</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polacco</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ucraino</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>russo</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>albanese</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>estone</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>arabo</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>persiano</translation>
    </message>
    <message>
        <source>Kurdish</source>
        <translation>curdo</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>turco</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>somalo</translation>
    </message>
    <message>
        <source>Tigrinya</source>
        <translation>tigrino</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>amarico</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>urdu</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>hindi</translation>
    </message>
    <message>
        <source>Punjabi</source>
        <translation>punjabi</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>bengalese</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>cinese</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>tagalog</translation>
    </message>
    <message>
        <source>Wolof</source>
        <translation>wolof</translation>
    </message>
    <message>
        <source>Northern Sami</source>
        <translation>sami settentrionale</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Servizi</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Richieste</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Street outreach</source>
        <translation>Unità di strada</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Schermate</translation>
    </message>
    <message>
        <source>Go to {screen}</source>
        <translation>Vai a {screen}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Stato della sincronizzazione</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Blocca</translation>
    </message>
    <message>
        <source>Lock Prossimo now (Ctrl+L)</source>
        <translation>Blocca Prossimo ora (Ctrl+L)</translation>
    </message>
    <message>
        <source>Lock Prossimo</source>
        <translation>Blocca Prossimo</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Offline-only profile: your work stays on this computer</source>
        <translation>Profilo solo offline: il lavoro resta su questo computer</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not shared with any service</source>
        <translation>
            <numerusform>%n modifica non condivisa con alcun servizio</numerusform>
            <numerusform>%n modifiche non condivise con alcun servizio</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Zoom in (+)</source>
        <translation>Ingrandisci (+)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Ingrandisci</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Riduci (-)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Riduci</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Vista intera</translation>
    </message>
    <message>
        <source>Show the whole area again (0)</source>
        <translation>Mostra di nuovo tutta la zona (0)</translation>
    </message>
    <message>
        <source>What the map shows</source>
        <translation>Cosa mostra la mappa</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Not verified in the last 12 months</source>
        <translation>Non verificato negli ultimi 12 mesi</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Selezionato</translation>
    </message>
    <message>
        <source>Distances start here</source>
        <translation>Le distanze partono da qui</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>Chiuso temporaneamente</translation>
    </message>
    <message>
        <source>On the map: {placed} of {count} services.</source>
        <translation>Sulla mappa: {placed} servizi su {count}.</translation>
    </message>
    <message>
        <source>Without a map position (only in the list): {count}.</source>
        <translation>Senza posizione sulla mappa (solo nell&apos;elenco): {count}.</translation>
    </message>
    <message>
        <source>Far outside the area (zoom out to see them): {count}.</source>
        <translation>Molto fuori dalla zona (riduci per vederli): {count}.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>use only digits, spaces and the signs + ( ) . / -, for example +39 0371 123456.</source>
        <translation>usa solo cifre, spazi e i segni + ( ) . / -, per esempio +39 0371 123456.</translation>
    </message>
    <message>
        <source>write an email address such as name@example.org.</source>
        <translation>scrivi un indirizzo email come nome@esempio.it.</translation>
    </message>
    <message>
        <source>write a language code such as it, fi or en-GB.</source>
        <translation>scrivi un codice di lingua come it, fi o en-GB.</translation>
    </message>
    <message>
        <source>a tag cannot start with a space or contain a comma.</source>
        <translation>un&apos;etichetta non può iniziare con uno spazio né contenere virgole.</translation>
    </message>
    <message>
        <source>write a web address that starts with http:// or https://.</source>
        <translation>scrivi un indirizzo web che inizi con http:// o https://.</translation>
    </message>
    <message>
        <source>write the two-letter country code in capitals, such as IT or FI.</source>
        <translation>scrivi il codice del paese di due lettere maiuscole, come IT o FI.</translation>
    </message>
    <message>
        <source>the reference code has six characters, digits and the letters A to F.</source>
        <translation>il codice di riferimento ha sei caratteri: cifre e lettere dalla A alla F.</translation>
    </message>
    <message numerus="yes">
        <source>write at least %n character(s).</source>
        <translation>
            <numerusform>scrivi almeno %n carattere.</numerusform>
            <numerusform>scrivi almeno %n caratteri.</numerusform>
        </translation>
    </message>
    <message>
        <source>choose at least one.</source>
        <translation>scegline almeno uno.</translation>
    </message>
    <message numerus="yes">
        <source>choose at least %n.</source>
        <translation>
            <numerusform>scegline almeno %n.</numerusform>
            <numerusform>scegline almeno %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>this is not in the expected form.</source>
        <translation>non è nella forma prevista.</translation>
    </message>
    <message>
        <source>required; it cannot be left empty.</source>
        <translation>obbligatorio, non può restare vuoto.</translation>
    </message>
    <message>
        <source>write a whole number, such as 1984.</source>
        <translation>scrivi un numero intero, per esempio 1984.</translation>
    </message>
    <message>
        <source>write a number.</source>
        <translation>scrivi un numero.</translation>
    </message>
    <message>
        <source>answer yes or no.</source>
        <translation>rispondi sì o no.</translation>
    </message>
    <message>
        <source>choose one of the values offered.</source>
        <translation>scegli uno dei valori proposti.</translation>
    </message>
    <message>
        <source>choose one from the list.</source>
        <translation>scegline uno dall&apos;elenco.</translation>
    </message>
    <message>
        <source>give a date and a time.</source>
        <translation>indica una data e un&apos;ora.</translation>
    </message>
    <message>
        <source>give a date.</source>
        <translation>indica una data.</translation>
    </message>
    <message>
        <source>give a time, such as 9:30.</source>
        <translation>indica un orario, per esempio 9:30.</translation>
    </message>
    <message>
        <source>these details are incomplete.</source>
        <translation>questi dati sono incompleti.</translation>
    </message>
    <message>
        <source>what was chosen is no longer on this computer; choose again.</source>
        <translation>ciò che era stato scelto non è più su questo computer: scegli di nuovo.</translation>
    </message>
    <message>
        <source>write it as text.</source>
        <translation>scrivilo come testo.</translation>
    </message>
    <message>
        <source>give a list.</source>
        <translation>indica un elenco.</translation>
    </message>
    <message>
        <source>this record has no such field.</source>
        <translation>questa scheda non ha un campo simile.</translation>
    </message>
    <message numerus="yes">
        <source>too long: at most %n character(s).</source>
        <translation>
            <numerusform>troppo lungo: al massimo %n carattere.</numerusform>
            <numerusform>troppo lungo: al massimo %n caratteri.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too many: at most %n.</source>
        <translation>
            <numerusform>troppi: al massimo %n.</numerusform>
            <numerusform>troppi: al massimo %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>must be at least %1.</source>
        <translation>deve essere almeno %1.</translation>
    </message>
    <message>
        <source>must be more than %1.</source>
        <translation>deve essere più di %1.</translation>
    </message>
    <message>
        <source>must be at most %1.</source>
        <translation>deve essere al massimo %1.</translation>
    </message>
    <message>
        <source>must be less than %1.</source>
        <translation>deve essere meno di %1.</translation>
    </message>
    <message>
        <source>give both the opening and the closing time, or neither for a closed day.</source>
        <translation>indica sia l&apos;orario di apertura sia quello di chiusura, oppure nessuno dei due per un giorno di chiusura.</translation>
    </message>
    <message>
        <source>a shift needs an area: one or more municipalities, or the name of a route.</source>
        <translation>un turno ha bisogno di una zona: uno o più comuni, oppure il nome di un percorso.</translation>
    </message>
    <message>
        <source>cannot be earlier than the start.</source>
        <translation>non può essere prima dell&apos;inizio.</translation>
    </message>
    <message>
        <source>an encounter cannot be linked to a contact yet; use the anonymous code.</source>
        <translation>un incontro non può ancora essere collegato a un contatto; usa il codice anonimo.</translation>
    </message>
    <message>
        <source>name each supply item only once.</source>
        <translation>indica ogni materiale una volta sola.</translation>
    </message>
    <message>
        <source>give the spot or the municipality where it happened, not both.</source>
        <translation>indica il luogo o il comune dove è avvenuto, non entrambi.</translation>
    </message>
    <message>
        <source>this point is outside the area the directory covers.</source>
        <translation>questo punto è fuori dal territorio coperto dall&apos;elenco.</translation>
    </message>
    <message>
        <source>only returned sharps are weighed.</source>
        <translation>si pesano solo i taglienti restituiti.</translation>
    </message>
    <message>
        <source>give a count or a weight, not both.</source>
        <translation>indica un numero o un peso, non entrambi.</translation>
    </message>
    <message>
        <source>this is required.</source>
        <translation>è obbligatorio.</translation>
    </message>
    <message>
        <source>only a move between teams names another team.</source>
        <translation>solo uno spostamento tra équipe indica un&apos;altra équipe.</translation>
    </message>
    <message>
        <source>a move goes to another team, not to this one.</source>
        <translation>uno spostamento va a un&apos;altra équipe, non a questa.</translation>
    </message>
    <message>
        <source>a shift needs an enrolled operator: connect this computer to the service first.</source>
        <translation>un turno ha bisogno di un operatore registrato: collega prima questo computer al servizio.</translation>
    </message>
    <message>
        <source>only the people on this shift may change it.</source>
        <translation>solo le persone di questo turno possono modificarlo.</translation>
    </message>
    <message>
        <source>this shift has already ended.</source>
        <translation>questo turno è già finito.</translation>
    </message>
    <message>
        <source>this shift has ended; give the time of the encounter to add it afterwards.</source>
        <translation>questo turno è finito; indica l&apos;ora dell&apos;incontro per aggiungerlo dopo.</translation>
    </message>
    <message>
        <source>this record code is not valid.</source>
        <translation>il codice di questa scheda non è valido.</translation>
    </message>
    <message>
        <source>cannot be earlier than when the record was created.</source>
        <translation>non può essere precedente alla creazione della scheda.</translation>
    </message>
    <message>
        <source>a phone number has between 5 and 20 digits.</source>
        <translation>un numero di telefono ha da 5 a 20 cifre.</translation>
    </message>
    <message>
        <source>each one only once, please.</source>
        <translation>ognuno una volta sola, per favore.</translation>
    </message>
    <message>
        <source>the series cannot end before its first meeting.</source>
        <translation>la serie non può finire prima del primo incontro.</translation>
    </message>
    <message>
        <source>a repeating appointment ends on a date or after a number of meetings: choose one of the two.</source>
        <translation>un appuntamento che si ripete finisce in una data o dopo un numero di incontri: scegli una delle due.</translation>
    </message>
    <message>
        <source>write a given name, a family name or an alias.</source>
        <translation>scrivi un nome, un cognome o uno pseudonimo.</translation>
    </message>
    <message>
        <source>a pseudonymous contact needs an alias.</source>
        <translation>un contatto anonimo ha bisogno di uno pseudonimo.</translation>
    </message>
    <message>
        <source>a pseudonymous contact has an alias only, no names.</source>
        <translation>un contatto anonimo ha solo uno pseudonimo, senza nome né cognome.</translation>
    </message>
    <message>
        <source>choose someone other than the contact themselves.</source>
        <translation>scegli una persona diversa dal contatto stesso.</translation>
    </message>
    <message>
        <source>must be after the day the consent was given.</source>
        <translation>deve essere dopo il giorno in cui è stato dato il consenso.</translation>
    </message>
    <message>
        <source>cannot be earlier than the day the consent was given.</source>
        <translation>non può essere prima del giorno in cui è stato dato il consenso.</translation>
    </message>
    <message>
        <source>choose a time zone such as Europe/Rome.</source>
        <translation>scegli un fuso orario come Europe/Rome.</translation>
    </message>
    <message>
        <source>must be after the start.</source>
        <translation>deve essere dopo l&apos;inizio.</translation>
    </message>
    <message>
        <source>must be after the opening time.</source>
        <translation>deve essere dopo l&apos;orario di apertura.</translation>
    </message>
    <message>
        <source>give both latitude and longitude, or neither.</source>
        <translation>indica sia la latitudine sia la longitudine, oppure nessuna delle due.</translation>
    </message>
    <message>
        <source>only for a declined request.</source>
        <translation>solo per una richiesta rifiutata.</translation>
    </message>
    <message>
        <source>leave this empty when the person does not want to be contacted.</source>
        <translation>lascialo vuoto se la persona non vuole essere contattata.</translation>
    </message>
    <message>
        <source>only a booking request has a time chosen.</source>
        <translation>solo una richiesta di appuntamento ha un orario scelto.</translation>
    </message>
    <message>
        <source>a time offered lasts at most 12 hours.</source>
        <translation>un orario offerto dura al massimo 12 ore.</translation>
    </message>
    <message>
        <source>choose the consent this referral rests on.</source>
        <translation>scegli il consenso su cui si basa questo invio.</translation>
    </message>
    <message>
        <source>this consent belongs to someone else.</source>
        <translation>questo consenso appartiene a un&apos;altra persona.</translation>
    </message>
    <message>
        <source>this consent does not allow a referral now.</source>
        <translation>questo consenso non permette un invio in questo momento.</translation>
    </message>
    <message>
        <source>create a new contact or choose an existing one.</source>
        <translation>crea un nuovo contatto o scegline uno esistente.</translation>
    </message>
    <message>
        <source>this request has already been handled.</source>
        <translation>questa richiesta è già stata gestita.</translation>
    </message>
    <message>
        <source>say why the request is declined.</source>
        <translation>indica perché la richiesta viene rifiutata.</translation>
    </message>
    <message>
        <source>a help-desk request has chosen this time: confirm or decline it in Intake first.</source>
        <translation>una richiesta dallo sportello online ha scelto questo orario: prima confermatela o rifiutatela in Richieste.</translation>
    </message>
    <message>
        <source>only a booking request with a time chosen can be confirmed.</source>
        <translation>si può confermare solo una richiesta di appuntamento con un orario scelto.</translation>
    </message>
    <message>
        <source>write a message to the person.</source>
        <translation>scrivi un messaggio alla persona.</translation>
    </message>
    <message>
        <source>this record is already on this computer.</source>
        <translation>questa scheda è già su questo computer.</translation>
    </message>
    <message>
        <source>this is filled in by the app.</source>
        <translation>questo dato lo compila l&apos;applicazione.</translation>
    </message>
    <message>
        <source>this list cannot be searched.</source>
        <translation>in questo elenco non si può cercare.</translation>
    </message>
    <message>
        <source>this conflict has already been decided.</source>
        <translation>questo conflitto è già stato risolto.</translation>
    </message>
    <message>
        <source>choose which value to keep.</source>
        <translation>scegli quale valore tenere.</translation>
    </message>
    <message>
        <source>type the value to keep.</source>
        <translation>scrivi il valore da tenere.</translation>
    </message>
    <message>
        <source>choose the contact the request became.</source>
        <translation>scegli il contatto nato da questa richiesta.</translation>
    </message>
    <message>
        <source>required when the status is “%1”.</source>
        <translation>obbligatorio quando lo stato è «%1».</translation>
    </message>
    <message>
        <source>the person must agree to be contacted (%1).</source>
        <translation>la persona deve acconsentire a essere contattata (%1).</translation>
    </message>
    <message>
        <source>required to reply this way (%1).</source>
        <translation>obbligatorio per rispondere in questo modo (%1).</translation>
    </message>
    <message>
        <source>needs at least %1 letters (accents do not count).</source>
        <translation>servono almeno %1 lettere (gli accenti non contano).</translation>
    </message>
    <message>
        <source>must be a whole number in the range %1.</source>
        <translation>deve essere un numero intero tra %1.</translation>
    </message>
    <message>
        <source>write F, M or X.</source>
        <translation>scrivi F, M o X.</translation>
    </message>
    <message>
        <source>a code has %1 letters and digits, in groups of four.</source>
        <translation>un codice ha %1 lettere e cifre, in gruppi di quattro.</translation>
    </message>
    <message>
        <source>the service would refuse this change again; change it first.</source>
        <translation>il servizio rifiuterebbe di nuovo questa modifica: correggila prima.</translation>
    </message>
    <message>
        <source>this record cannot be changed or removed; add a new one that corrects it.</source>
        <translation>questa registrazione non si può modificare né eliminare; aggiungine una nuova che la corregga.</translation>
    </message>
    <message>
        <source>a case note cannot be changed; add a correction instead.</source>
        <translation>una nota non si può modificare: aggiungi invece una correzione.</translation>
    </message>
    <message>
        <source>this computer receives the directory from the organisation&apos;s service; files are imported there.</source>
        <translation>questo computer riceve la guida ai servizi dal servizio dell&apos;organizzazione: i file si importano lì.</translation>
    </message>
    <message>
        <source>this is not valid.</source>
        <translation>non è valido.</translation>
    </message>
    <message>
        <source>Entry %1, %2: %3</source>
        <translation>Voce %1, %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Month</source>
        <translation>Mese</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+ altro %n</numerusform>
            <numerusform>+ altri %n</numerusform>
        </translation>
    </message>
    <message>
        <source>{when}: {appointments}</source>
        <translation>{when}: {appointments}</translation>
    </message>
    <message>
        <source>{when}: free</source>
        <translation>{when}: libero</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Correct a note</source>
        <translation>Correggi una nota</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Aggiungi una nota</translation>
    </message>
    <message>
        <source>Notes are never changed. Write the correction: it is kept beside the original note.</source>
        <translation>Le note non vengono mai modificate. Scrivi la correzione: verrà conservata accanto alla nota originale.</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quando:</translation>
    </message>
</context>
<context>
    <name>OutreachPage</name>
    <message>
        <source>Street outreach</source>
        <translation>Unità di strada</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>&amp;Start a shift…</source>
        <translation>&amp;Inizia un turno…</translation>
    </message>
    <message>
        <source>Change the sh&amp;ift…</source>
        <translation>&amp;Modifica il turno…</translation>
    </message>
    <message>
        <source>&amp;End the shift…</source>
        <translation>&amp;Termina il turno…</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Scorte basse</translation>
    </message>
    <message>
        <source>Your latest shifts (open one to change it)</source>
        <translation>I tuoi ultimi turni (aprine uno per modificarlo)</translation>
    </message>
    <message>
        <source>Your latest shifts</source>
        <translation>I tuoi ultimi turni</translation>
    </message>
    <message>
        <source>The shifts could not be read: {reason}</source>
        <translation>Non è stato possibile leggere i turni: {reason}</translation>
    </message>
    <message>
        <source>Encounters {e} · People {p} ({new} new) · Given {g} · Sharps in {s} · Referrals {r}</source>
        <translation>Incontri {e} · Persone {p} ({new} nuove) · Distribuiti {g} · Taglienti ritirati {s} · Invii {r}</translation>
    </message>
    <message>
        <source>Shift running since {when} · {place} · {kind} · {team}</source>
        <translation>Turno in corso dal {when} · {place} · {kind} · {team}</translation>
    </message>
    <message>
        <source>No shift running.</source>
        <translation>Nessun turno in corso.</translation>
    </message>
    <message>
        <source>Shifts need this computer to be connected to the organisation&apos;s service first.</source>
        <translation>Per i turni questo computer deve prima essere collegato al servizio dell&apos;organizzazione.</translation>
    </message>
    <message>
        <source>Start a shift when you go out: then each encounter takes three taps or keys.</source>
        <translation>Inizia un turno quando esci: poi ogni incontro richiede tre tocchi o tasti.</translation>
    </message>
    <message>
        <source>{when} · {place} · {kind} · encounters: {n}, people: {p}</source>
        <translation>{when} · {place} · {kind} · incontri: {n}, persone: {p}</translation>
    </message>
</context>
<context>
    <name>OutreachStock</name>
    <message>
        <source>{item} {n} (warn at {at})</source>
        <translation>{item} {n} (avviso a {at})</translation>
    </message>
    <message>
        <source>Low stock: {items}</source>
        <translation>Scorte basse: {items}</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Scegli una frase segreta</translation>
    </message>
    <message>
        <source>It encrypts everything Prossimo keeps on this computer. Use several words that only you know. If it is forgotten, the data here cannot be recovered.</source>
        <translation>Protegge con la cifratura tutto ciò che Prossimo conserva su questo computer. Usa più parole che conosci solo tu. Se la frase segreta viene dimenticata, i dati su questo computer non si possono recuperare.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nuova frase segreta</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Ripeti la frase segreta</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase segreta:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Ripeti:</translation>
    </message>
    <message>
        <source>the two passphrases differ</source>
        <translation>le due frasi segrete sono diverse</translation>
    </message>
    <message>
        <source>Creating your encrypted store…</source>
        <translation>Creazione dell&apos;archivio cifrato…</translation>
    </message>
    <message>
        <source>Your encrypted store is ready.</source>
        <translation>L&apos;archivio cifrato è pronto.</translation>
    </message>
    <message>
        <source>The store could not be created: {error}</source>
        <translation>Impossibile creare l&apos;archivio: {error}</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <source>Passphrase strength</source>
        <translation>Robustezza della frase segreta</translation>
    </message>
    <message>
        <source>At least {n} characters. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>Almeno {n} caratteri. Alcune parole senza legame tra loro sono facili da ricordare e difficili da indovinare.</translation>
    </message>
    <message>
        <source>Too short: at least {n} characters</source>
        <translation>Troppo corta: almeno {n} caratteri</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Robustezza:</translation>
    </message>
    <message>
        <source>Nothing typed yet</source>
        <translation>Ancora da scrivere</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Troppo corta</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Debole</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Discreta</translation>
    </message>
    <message>
        <source>Weak: too few different characters</source>
        <translation>Debole: troppo pochi caratteri diversi</translation>
    </message>
    <message>
        <source>Fair: longer, or a few more words, would be stronger</source>
        <translation>Discreta: più lunga, o con qualche parola in più, sarebbe più robusta</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Robusta</translation>
    </message>
</context>
<context>
    <name>QuickEncounter</name>
    <message>
        <source>Health</source>
        <translation>Salute</translation>
    </message>
    <message>
        <source>Drugs and alcohol</source>
        <translation>Droghe e alcol</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Casa</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Cibo</translation>
    </message>
    <message>
        <source>Legal matters</source>
        <translation>Questioni legali</translation>
    </message>
    <message>
        <source>Work and money</source>
        <translation>Lavoro e soldi</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sicurezza</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famiglia</translation>
    </message>
    <message>
        <source>{name}: one fewer</source>
        <translation>{name}: uno in meno</translation>
    </message>
    <message>
        <source>{name}: one more</source>
        <translation>{name}: uno in più</translation>
    </message>
    <message>
        <source>+  &amp;New encounter</source>
        <translation>+  &amp;Nuovo incontro</translation>
    </message>
    <message>
        <source>Record an encounter (+)</source>
        <translation>Registra un incontro (+)</translation>
    </message>
    <message>
        <source>This shift&apos;s totals</source>
        <translation>Totali di questo turno</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fatto</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Lascia perdere</translation>
    </message>
    <message>
        <source>Record this encounter (Enter)</source>
        <translation>Registra questo incontro (Invio)</translation>
    </message>
    <message>
        <source>Forget this encounter (Esc)</source>
        <translation>Lascia perdere questo incontro (Esc)</translation>
    </message>
    <message>
        <source>Press + for each encounter, tap what you gave, then Done. Everything else is optional.</source>
        <translation>Premi + per ogni incontro, tocca ciò che hai dato, poi Fatto. Tutto il resto è facoltativo.</translation>
    </message>
    <message>
        <source>This shift&apos;s encounters, latest first</source>
        <translation>Gli incontri di questo turno, dal più recente</translation>
    </message>
    <message>
        <source>This shift&apos;s encounters</source>
        <translation>Gli incontri di questo turno</translation>
    </message>
    <message>
        <source>What was given (tap once for each)</source>
        <translation>Cosa è stato dato (un tocco per ciascuno)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>Used sharps handed back</source>
        <translation>Taglienti usati riconsegnati</translation>
    </message>
    <message>
        <source>Peo&amp;ple in this encounter</source>
        <translation>&amp;Persone in questo incontro</translation>
    </message>
    <message>
        <source>Used s&amp;harps handed back</source>
        <translation>Taglienti &amp;usati riconsegnati</translation>
    </message>
    <message>
        <source>&amp;Referred to</source>
        <translation>&amp;Inviato a</translation>
    </message>
    <message>
        <source>Short n&amp;ote</source>
        <translation>Breve n&amp;ota</translation>
    </message>
    <message>
        <source>Gender, only if safe to ask</source>
        <translation>Genere, solo se si può chiedere senza rischi</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Non chiesto</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Età</translation>
    </message>
    <message>
        <source>Met before?</source>
        <translation>Già incontrato?</translation>
    </message>
    <message>
        <source>First time</source>
        <translation>Prima volta</translation>
    </message>
    <message>
        <source>Met before</source>
        <translation>Già incontrato</translation>
    </message>
    <message>
        <source>Anonymous &amp;code (type to search)</source>
        <translation>&amp;Codice anonimo (scrivi per cercare)</translation>
    </message>
    <message>
        <source>&amp;Make a code…</source>
        <translation>Cr&amp;ea un codice…</translation>
    </message>
    <message>
        <source>Talked about</source>
        <translation>Argomenti</translation>
    </message>
    <message>
        <source>New encounter</source>
        <translation>Nuovo incontro</translation>
    </message>
    <message>
        <source>Give one more of the item with this number</source>
        <translation>Dai uno in più dell&apos;articolo con questo numero</translation>
    </message>
    <message>
        <source>Record the encounter</source>
        <translation>Registra l&apos;incontro</translation>
    </message>
    <message>
        <source>Forget the encounter</source>
        <translation>Lascia perdere l&apos;incontro</translation>
    </message>
    <message>
        <source>No referral</source>
        <translation>Nessun invio</translation>
    </message>
    <message>
        <source>Given on this shift: {given}</source>
        <translation>Distribuito in questo turno: {given}</translation>
    </message>
    <message>
        <source>group of {n}</source>
        <translation>gruppo di {n}</translation>
    </message>
    <message>
        <source>first time</source>
        <translation>prima volta</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>inviato a un servizio</translation>
    </message>
    <message>
        <source>{item}: one fewer</source>
        <translation>{item}: uno in meno</translation>
    </message>
    <message>
        <source>No supply items yet: your team lead defines them.</source>
        <translation>Ancora nessun materiale: li definisce il responsabile dell&apos;équipe.</translation>
    </message>
    <message>
        <source>{item}, given now: {n}</source>
        <translation>{item}, dati ora: {n}</translation>
    </message>
    <message>
        <source>Encounter recorded: {given}.</source>
        <translation>Incontro registrato: {given}.</translation>
    </message>
    <message>
        <source>nothing given</source>
        <translation>niente distribuito</translation>
    </message>
    <message>
        <source>More given than the stock held of {items}: check the stock.</source>
        <translation>Distribuito più di quanto c&apos;era in scorta di {items}: controlla le scorte.</translation>
    </message>
    <message>
        <source>&amp;Undo ({n} s)</source>
        <translation>&amp;Annulla ({n} s)</translation>
    </message>
    <message>
        <source>The last encounter was taken back.</source>
        <translation>L&apos;ultimo incontro è stato annullato.</translation>
    </message>
    <message numerus="yes">
        <source>Known code: met %n time(s) by your team</source>
        <translation>
            <numerusform>Codice noto: incontrato %n volta dalla tua équipe</numerusform>
            <numerusform>Codice noto: incontrato %n volte dalla tua équipe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n known code(s) start like this</source>
        <translation>
            <numerusform>%n codice noto inizia così</numerusform>
            <numerusform>%n codici noti iniziano così</numerusform>
        </translation>
    </message>
    <message>
        <source>No known code starts like this</source>
        <translation>Nessun codice noto inizia così</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Refer to a service</source>
        <translation>Invio a un servizio</translation>
    </message>
    <message>
        <source>Refer someone to {service} ({organisation}).</source>
        <translation>Invia una persona a {service} ({organisation}).</translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation>Ancora nessuno scelto.</translation>
    </message>
    <message>
        <source>Person referred</source>
        <translation>Persona inviata</translation>
    </message>
    <message>
        <source>Choose &amp;person…</source>
        <translation>Scegli la &amp;persona…</translation>
    </message>
    <message>
        <source>Consent the referral rests on</source>
        <translation>Consenso su cui si basa l&apos;invio</translation>
    </message>
    <message>
        <source>Looking up their consents…</source>
        <translation>Ricerca dei consensi…</translation>
    </message>
    <message>
        <source>Sharing someone&apos;s details with a service needs their consent, and there is no active consent to referral or information sharing on record for this person. If they agree now, record their consent below.</source>
        <translation>Per condividere i dati di una persona con un servizio serve il suo consenso, e per questa persona non risulta alcun consenso attivo all&apos;invio o alla condivisione di informazioni. Se acconsente ora, registra il consenso qui sotto.</translation>
    </message>
    <message>
        <source>Record &amp;consent now</source>
        <translation>Registra il &amp;consenso ora</translation>
    </message>
    <message>
        <source>How consent was given</source>
        <translation>Come è stato dato il consenso</translation>
    </message>
    <message>
        <source>It &amp;expires</source>
        <translation>&amp;Scade</translation>
    </message>
    <message>
        <source>Consent expires on</source>
        <translation>Il consenso scade il</translation>
    </message>
    <message>
        <source>Reason for the referral</source>
        <translation>Motivo dell&apos;invio</translation>
    </message>
    <message>
        <source>What the person needs from this service (optional)</source>
        <translation>Di cosa ha bisogno la persona da questo servizio (facoltativo)</translation>
    </message>
    <message>
        <source>&amp;Send referral</source>
        <translation>&amp;Invia</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalità</translation>
    </message>
    <message>
        <source>&amp;Given as</source>
        <translation>&amp;Modalità</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Dato il</translation>
    </message>
    <message>
        <source>C&amp;onsent:</source>
        <translation>C&amp;onsenso:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>{purpose}, given on {given} ({method})</source>
        <translation>{purpose}, dato il {given} ({method})</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>fino al {date}</translation>
    </message>
    <message>
        <source>to: {recipients}</source>
        <translation>a: {recipients}</translation>
    </message>
    <message>
        <source>choose the person to refer</source>
        <translation>scegli la persona da inviare</translation>
    </message>
    <message>
        <source>sharing needs the person&apos;s consent; if they agree now, record it first</source>
        <translation>per condividere i dati serve il consenso della persona; se acconsente ora, registralo prima</translation>
    </message>
</context>
<context>
    <name>RelationshipDialog</name>
    <message>
        <source>Add a relationship</source>
        <translation>Aggiungi una relazione</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>Ancora nessuno scelto</translation>
    </message>
    <message>
        <source>&amp;Choose contact…</source>
        <translation>Scegli c&amp;ontatto…</translation>
    </message>
    <message>
        <source>&amp;Related contact:</source>
        <translation>&amp;Contatto collegato:</translation>
    </message>
    <message>
        <source>&amp;Is this contact&apos;s:</source>
        <translation>&amp;Rispetto a questo contatto è:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>choose the related contact</source>
        <translation>scegli il contatto collegato</translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message>
        <source>Appointment at {time} ({place}) starts now</source>
        <translation>L&apos;appuntamento delle {time} ({place}) inizia ora</translation>
    </message>
    <message>
        <source>Appointment at {time} ({place}) in {minutes} min</source>
        <translation>Appuntamento delle {time} ({place}) tra {minutes} min</translation>
    </message>
    <message>
        <source>Prossimo reminder</source>
        <translation>Promemoria di Prossimo</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Caseload and activity reports are not available yet. This is what this computer holds today:</source>
        <translation>I report sul carico di lavoro e sulle attività non sono ancora disponibili. Ecco cosa contiene oggi questo computer:</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Appuntamenti</translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consensi</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Invii ai servizi</translation>
    </message>
    <message>
        <source>Services in the directory</source>
        <translation>Servizi nell&apos;elenco</translation>
    </message>
    <message>
        <source>Help desk requests</source>
        <translation>Richieste dallo sportello online</translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation>Modifiche non ancora sincronizzate</translation>
    </message>
</context>
<context>
    <name>ResourceDetail</name>
    <message>
        <source>Not verified in the last 12 months: check the details before sending someone.</source>
        <translation>Non verificato negli ultimi 12 mesi: controlla i dati prima di inviare qualcuno.</translation>
    </message>
    <message>
        <source>&amp;Refer…</source>
        <translation>&amp;Invia a questo servizio…</translation>
    </message>
    <message>
        <source>Refer a contact to this service</source>
        <translation>Invia un contatto a questo servizio</translation>
    </message>
    <message>
        <source>Sa&amp;ve contact card…</source>
        <translation>Sal&amp;va scheda contatto…</translation>
    </message>
    <message>
        <source>Save this service as a contact card (.vcf) for an address book</source>
        <translation>Salva questo servizio come scheda contatto (.vcf) per una rubrica</translation>
    </message>
    <message>
        <source>Choose a service in the list to read its details.</source>
        <translation>Scegli un servizio nell&apos;elenco per leggerne i dettagli.</translation>
    </message>
    <message>
        <source>What it offers</source>
        <translation>Cosa offre</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Orari di apertura</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Giorni di chiusura e altri orari</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Coordinate</translation>
    </message>
    <message>
        <source>Languages spoken</source>
        <translation>Lingue parlate</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Chi può usarlo</translation>
    </message>
    <message>
        <source>Last verified on</source>
        <translation>Ultima verifica</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non registrato</translation>
    </message>
    <message>
        <source>{opens}–{closes}</source>
        <translation>{opens}–{closes}</translation>
    </message>
    <message>
        <source>{weekday}: {spans}</source>
        <translation>{weekday}: {spans}</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>chiuso</translation>
    </message>
    <message>
        <source>{date}: {hours}</source>
        <translation>{date}: {hours}</translation>
    </message>
    <message>
        <source>{number} ({kind})</source>
        <translation>{number} ({kind})</translation>
    </message>
    <message>
        <source>Save contact card as</source>
        <translation>Salva la scheda contatto come</translation>
    </message>
    <message>
        <source>Contact cards (*.vcf)</source>
        <translation>Schede contatto (*.vcf)</translation>
    </message>
    <message>
        <source>Opening hours:</source>
        <translation>Orari di apertura:</translation>
    </message>
    <message>
        <source>{number}: {description}</source>
        <translation>{number}: {description}</translation>
    </message>
    <message>
        <source>The contact card could not be saved: {reason}</source>
        <translation>Non è stato possibile salvare la scheda contatto: {reason}</translation>
    </message>
    <message>
        <source>Contact card saved: {file}</source>
        <translation>Scheda contatto salvata: {file}</translation>
    </message>
</context>
<context>
    <name>ResourceMap</name>
    <message>
        <source>{service} · Temporarily closed</source>
        <translation>{service} · Chiuso temporaneamente</translation>
    </message>
    <message>
        <source>{count} services here: click to zoom in</source>
        <translation>{count} servizi qui: fai clic per ingrandire</translation>
    </message>
    <message>
        <source>{place}: {count}</source>
        <translation>{place}: {count}</translation>
    </message>
    <message>
        <source>Map of the services found</source>
        <translation>Mappa dei servizi trovati</translation>
    </message>
    <message>
        <source>The services in the list, drawn over the municipalities of the area. Click a marker to read the service. The list holds the same services and can be used with the keyboard.</source>
        <translation>I servizi dell&apos;elenco, disegnati sui comuni della zona. Fai clic su un segnaposto per leggere il servizio. L&apos;elenco contiene gli stessi servizi e si usa anche da tastiera.</translation>
    </message>
    <message>
        <source>{distance} km</source>
        <translation>{distance} km</translation>
    </message>
</context>
<context>
    <name>ResourcesPage</name>
    <message>
        <source>Resources</source>
        <translation>Servizi</translation>
    </message>
    <message>
        <source>S&amp;top referring</source>
        <translation>&amp;Annulla invio</translation>
    </message>
    <message>
        <source>Service, organisation, street, keyword…</source>
        <translation>Servizio, ente, via, parola chiave…</translation>
    </message>
    <message>
        <source>Search the directory</source>
        <translation>Cerca nell&apos;elenco dei servizi</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cerca:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tutte le categorie</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>Ca&amp;tegoria:</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Tutti i comuni</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>Co&amp;mune:</translation>
    </message>
    <message>
        <source>Show cl&amp;osed services</source>
        <translation>Mostra i servizi c&amp;hiusi</translation>
    </message>
    <message>
        <source>Also list services that are inactive or closed for good</source>
        <translation>Elenca anche i servizi non attivi o chiusi definitivamente</translation>
    </message>
    <message>
        <source>A contact&apos;s distance starts from their municipality: street addresses are never looked up, since that would send a person&apos;s address to an outside service.</source>
        <translation>La distanza da un contatto parte dal suo comune: gli indirizzi non vengono mai cercati, perché significherebbe inviare l&apos;indirizzo di una persona a un servizio esterno.</translation>
    </message>
    <message>
        <source>Distances from</source>
        <translation>Distanze da</translation>
    </message>
    <message>
        <source>No distance</source>
        <translation>Nessuna distanza</translation>
    </message>
    <message>
        <source>A municipality</source>
        <translation>Un comune</translation>
    </message>
    <message>
        <source>A contact…</source>
        <translation>Un contatto…</translation>
    </message>
    <message>
        <source>A point on the map</source>
        <translation>Un punto sulla mappa</translation>
    </message>
    <message>
        <source>&amp;Distance from:</source>
        <translation>&amp;Distanza da:</translation>
    </message>
    <message>
        <source>Municipality distances start from</source>
        <translation>Comune da cui misurare le distanze</translation>
    </message>
    <message>
        <source>Choose c&amp;ontact…</source>
        <translation>Scegli c&amp;ontatto…</translation>
    </message>
    <message>
        <source>Where distances start</source>
        <translation>Da dove si misurano le distanze</translation>
    </message>
    <message>
        <source>Any distance</source>
        <translation>Qualsiasi distanza</translation>
    </message>
    <message>
        <source>Radius in kilometres</source>
        <translation>Raggio in chilometri</translation>
    </message>
    <message>
        <source>Only services within this distance; services without a map position are then left out.</source>
        <translation>Solo i servizi entro questa distanza; i servizi senza posizione sulla mappa vengono allora esclusi.</translation>
    </message>
    <message>
        <source>Radi&amp;us:</source>
        <translation>&amp;Raggio:</translation>
    </message>
    <message>
        <source>&amp;Handout…</source>
        <translation>Fo&amp;glio informativo…</translation>
    </message>
    <message>
        <source>Print the selected services for the person to take away (Ctrl+P)</source>
        <translation>Stampa i servizi selezionati da consegnare alla persona (Ctrl+P)</translation>
    </message>
    <message>
        <source>Waiting for re&amp;view</source>
        <translation>In attesa di re&amp;visione</translation>
    </message>
    <message>
        <source>The partners&apos; changes waiting for a team lead&apos;s review</source>
        <translation>Le modifiche dei partner in attesa della revisione di un responsabile</translation>
    </message>
    <message>
        <source>Services found</source>
        <translation>Servizi trovati</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distanza</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>List or map</source>
        <translation>Elenco o mappa</translation>
    </message>
    <message>
        <source>L&amp;ist</source>
        <translation>&amp;Lista</translation>
    </message>
    <message>
        <source>M&amp;ap</source>
        <translation>Ma&amp;ppa</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>Riepilogo della ricerca</translation>
    </message>
    <message>
        <source>Go to the search</source>
        <translation>Vai alla ricerca</translation>
    </message>
    <message>
        <source>Print a handout of the selected services</source>
        <translation>Stampa l&apos;elenco dei servizi selezionati</translation>
    </message>
    <message>
        <source>Referring {name}: find a service, then choose Refer….</source>
        <translation>Invio di {name}: trova un servizio, poi scegli Invia a questo servizio….</translation>
    </message>
    <message>
        <source>{distance} km</source>
        <translation>{distance} km</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Non verificato</translation>
    </message>
    <message>
        <source>Never verified</source>
        <translation>Mai verificato</translation>
    </message>
    <message>
        <source>Not verified in the last 12 months: check the details before sending someone.</source>
        <translation>Non verificato negli ultimi 12 mesi: controlla i dati prima di inviare qualcuno.</translation>
    </message>
    <message>
        <source>{service} · {status}</source>
        <translation>{service} · {status}</translation>
    </message>
    <message>
        <source>Temporarily closed: call before sending someone.</source>
        <translation>Chiuso temporaneamente: telefona prima di inviare qualcuno.</translation>
    </message>
    <message>
        <source>No service matches. Try fewer words or another filter.</source>
        <translation>Nessun servizio trovato. Prova con meno parole o con un altro filtro.</translation>
    </message>
    <message>
        <source>Showing the first {count} services: type more to narrow the search.</source>
        <translation>Sono mostrati i primi {count} servizi: scrivi di più per restringere la ricerca.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln servizio</numerusform>
            <numerusform>%Ln servizi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s) within {radius} km, nearest first.</source>
        <translation>
            <numerusform>%Ln servizio entro {radius} km.</numerusform>
            <numerusform>%Ln servizi entro {radius} km, dal più vicino.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s), nearest first.</source>
        <translation>
            <numerusform>%Ln servizio.</numerusform>
            <numerusform>%Ln servizi, dal più vicino.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing the nearest {count} services: type more to narrow the search.</source>
        <translation>Sono mostrati i {count} servizi più vicini: scrivi di più per restringere la ricerca.</translation>
    </message>
    <message>
        <source>No service matches. Try fewer words, another filter or a larger radius.</source>
        <translation>Nessun servizio corrisponde. Prova con meno parole, un altro filtro o un raggio più ampio.</translation>
    </message>
    <message>
        <source>Left out, as they have no map position: {count}.</source>
        <translation>Esclusi perché senza posizione sulla mappa: {count}.</translation>
    </message>
    <message>
        <source>Listed last, as they have no map position: {count}.</source>
        <translation>In fondo all&apos;elenco perché senza posizione sulla mappa: {count}.</translation>
    </message>
    <message>
        <source>Click on the map where distances should start.</source>
        <translation>Fai clic sulla mappa nel punto da cui misurare le distanze.</translation>
    </message>
    <message>
        <source>From the point chosen on the map.</source>
        <translation>Dal punto scelto sulla mappa.</translation>
    </message>
    <message>
        <source>No contact chosen.</source>
        <translation>Nessun contatto scelto.</translation>
    </message>
    <message>
        <source>No municipality is recorded for {name}: choose a municipality or a point on the map instead.</source>
        <translation>Per {name} non è registrato alcun comune: scegli invece un comune o un punto sulla mappa.</translation>
    </message>
    <message>
        <source>{municipality}, where {name} lives, is not on the map: choose a municipality or a point on the map instead.</source>
        <translation>{municipality}, dove vive {name}, non è sulla mappa: scegli invece un comune o un punto sulla mappa.</translation>
    </message>
    <message>
        <source>From {municipality}, where {name} lives.</source>
        <translation>Da {municipality}, dove vive {name}.</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for re&amp;view (%n)</source>
        <translation>
            <numerusform>In attesa di re&amp;visione (%n)</numerusform>
            <numerusform>In attesa di re&amp;visione (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>That record is no longer on this computer.</source>
        <translation>Questa scheda non è più su questo computer.</translation>
    </message>
    <message>
        <source>Referral to {service} saved on this computer. This profile does not sync, so the service does not receive it from here.</source>
        <translation>Invio a {service} salvato su questo computer. Questo profilo non si sincronizza, quindi il servizio non lo riceve da qui.</translation>
    </message>
    <message>
        <source>Referral to {service} saved: it will be sent at the next sync.</source>
        <translation>Invio a {service} salvato: partirà alla prossima sincronizzazione.</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>The review queue needs a connection to the service: this computer is offline, or the service cannot be reached. Try again when you are online.</source>
        <translation>Le modifiche in attesa di revisione richiedono una connessione al servizio: questo computer non è in linea, oppure il servizio non è raggiungibile. Riprova quando sei in linea.</translation>
    </message>
    <message>
        <source>The review queue needs a connection: this computer is not connected to a service.</source>
        <translation>Le modifiche in attesa di revisione richiedono una connessione: questo computer non è collegato a un servizio.</translation>
    </message>
    <message>
        <source>The organisation revoked this computer: the next sync wipes it.</source>
        <translation>L&apos;organizzazione ha revocato questo computer: la prossima sincronizzazione lo cancella.</translation>
    </message>
    <message>
        <source>This Prossimo and the service speak different versions: ask IT to update them.</source>
        <translation>Questo Prossimo e il servizio usano versioni diverse: chiedi all&apos;IT di aggiornarli.</translation>
    </message>
    <message>
        <source>This change no longer waits: it was decided already, or the partner sent a newer one.</source>
        <translation>Questa modifica non è più in attesa: è già stata decisa, oppure il partner ne ha inviata una più recente.</translation>
    </message>
    <message>
        <source>Only team leads and administrators review the partners&apos; changes.</source>
        <translation>Solo i responsabili e gli amministratori rivedono le modifiche dei partner.</translation>
    </message>
    <message>
        <source>This service has no review queue yet: ask IT to update it.</source>
        <translation>Questo servizio non ha ancora la revisione delle modifiche: chiedi all&apos;IT di aggiornarlo.</translation>
    </message>
    <message>
        <source>The change no longer fits the directory&apos;s rules (the entry changed since): reject it and ask the partner to send it again.</source>
        <translation>La modifica non rispetta più le regole dell&apos;elenco (la scheda è cambiata nel frattempo): rifiutala e chiedi al partner di inviarla di nuovo.</translation>
    </message>
    <message>
        <source>The service could not answer; try again later.</source>
        <translation>Il servizio non ha potuto rispondere; riprova più tardi.</translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message>
        <source>Waiting for review</source>
        <translation>In attesa di revisione</translation>
    </message>
    <message>
        <source>Partners&apos; changes waiting for review</source>
        <translation>Modifiche dei partner in attesa di revisione</translation>
    </message>
    <message>
        <source>Review queue status</source>
        <translation>Stato della revisione</translation>
    </message>
    <message>
        <source>Changes waiting for review</source>
        <translation>Modifiche in attesa di revisione</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Organizzazione partner</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviata</translation>
    </message>
    <message>
        <source>What it changes</source>
        <translation>Cosa cambia</translation>
    </message>
    <message>
        <source>What the change does, field by field</source>
        <translation>Cosa cambia, campo per campo</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Attuale</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposta</translation>
    </message>
    <message>
        <source>&amp;Approve and publish</source>
        <translation>&amp;Approva e pubblica</translation>
    </message>
    <message>
        <source>Publish the change: every device gets it at its next sync</source>
        <translation>Pubblica la modifica: ogni dispositivo la riceve alla prossima sincronizzazione</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Rifiuta</translation>
    </message>
    <message>
        <source>Leave the directory as it is; the change is dropped</source>
        <translation>Lascia l&apos;elenco com&apos;è; la modifica viene scartata</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Chiudi</translation>
    </message>
    <message>
        <source>Reading the queue…</source>
        <translation>Lettura delle modifiche in attesa…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Pubblicazione…</translation>
    </message>
    <message>
        <source>Rejecting…</source>
        <translation>Rifiuto in corso…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting for review.</source>
        <translation>
            <numerusform>%n modifica in attesa di revisione.</numerusform>
            <numerusform>%n modifiche in attesa di revisione.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits for review.</source>
        <translation>Nessuna modifica in attesa di revisione.</translation>
    </message>
    <message>
        <source>Approved and published: every device gets it at its next sync.</source>
        <translation>Approvata e pubblicata: ogni dispositivo la riceve alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Rejected: the directory stays as it was.</source>
        <translation>Rifiutata: l&apos;elenco resta com&apos;era.</translation>
    </message>
    <message>
        <source>{service} · {provider}, sent by {who} on {when}</source>
        <translation>{service} · {provider}, inviata da {who} il {when}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuno)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Language and locking</source>
        <translation>Lingua e blocco</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after this many minutes without use</source>
        <translation>Blocca dopo questi minuti di inattività</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Applica</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>Loc&amp;k after:</source>
        <translation>Blocca &amp;dopo:</translation>
    </message>
    <message>
        <source>Prossimo locks itself after this many minutes without use; your passphrase opens it again.</source>
        <translation>Prossimo si blocca da solo dopo questi minuti di inattività; la frase segreta lo sblocca di nuovo.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
    <message>
        <source>Central service</source>
        <translation>Servizio centrale</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lettura in corso…</translation>
    </message>
    <message>
        <source>Address of the central service</source>
        <translation>Indirizzo del servizio centrale</translation>
    </message>
    <message>
        <source>Organisation&apos;s certificate file (CA bundle)</source>
        <translation>File del certificato dell&apos;organizzazione (CA bundle)</translation>
    </message>
    <message>
        <source>Only if your IT staff gave you one</source>
        <translation>Solo se fornito dal personale informatico</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Scegli…</translation>
    </message>
    <message>
        <source>The certificate file decides which servers this computer trusts with your clients&apos; data. Use only the file your organisation&apos;s IT staff gave you, never one from anybody else.</source>
        <translation>Il file del certificato stabilisce di quali server questo computer si fida per i dati delle persone seguite. Usa solo il file fornito dal personale informatico della tua organizzazione, mai uno ricevuto da altri.</translation>
    </message>
    <message>
        <source>Save the a&amp;ddress</source>
        <translation>Salva l&apos;&amp;indirizzo</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Indi&amp;rizzo:</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>&amp;File del certificato:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sfo&amp;glia…</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Connect this com&amp;puter</source>
        <translation>Collega questo co&amp;mputer</translation>
    </message>
    <message>
        <source>Service addre&amp;ss:</source>
        <translation>Indirizzo del ser&amp;vizio:</translation>
    </message>
    <message>
        <source>Certificate f&amp;ile:</source>
        <translation>Certificato dell&apos;organi&amp;zzazione:</translation>
    </message>
    <message>
        <source>Userna&amp;me:</source>
        <translation>Nome &amp;utente:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Collegamento in corso…</translation>
    </message>
    <message>
        <source>Type the service&apos;s address, such as https://prossimo.example.org (https, unless the service runs on this computer)</source>
        <translation>Scrivi l&apos;indirizzo del servizio, per esempio https://prossimo.example.org (https, a meno che il servizio non sia su questo computer)</translation>
    </message>
    <message>
        <source>Type your username for the service</source>
        <translation>Scrivi il tuo nome utente per il servizio</translation>
    </message>
    <message>
        <source>Type your password for the service</source>
        <translation>Scrivi la tua password per il servizio</translation>
    </message>
    <message>
        <source>Connected to {address}.</source>
        <translation>Collegato a {address}.</translation>
    </message>
    <message>
        <source>This profile works offline only: nothing leaves this computer. To share your work with your organisation, connect it to their service with the address, username and password your IT staff gave you.</source>
        <translation>Questo profilo funziona solo offline: nulla esce da questo computer. Per condividere il lavoro con la tua organizzazione, collegalo al suo servizio con l&apos;indirizzo, il nome utente e la password che ti ha dato il personale informatico.</translation>
    </message>
    <message>
        <source>Change these only when your organisation tells you to: the service moved, or it uses a new certificate.</source>
        <translation>Modifica questi dati solo quando lo chiede la tua organizzazione: il servizio si è spostato o usa un nuovo certificato.</translation>
    </message>
    <message>
        <source>Choose the organisation&apos;s certificate file</source>
        <translation>Scegli il file del certificato dell&apos;organizzazione</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificati (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
    <message>
        <source>Use an address that starts with https:// (plain http is only for a service on this computer).</source>
        <translation>Usa un indirizzo che inizia con https:// (il semplice http è solo per un servizio su questo computer).</translation>
    </message>
    <message>
        <source>Type the service&apos;s address, such as https://prossimo.example.org</source>
        <translation>Scrivi l&apos;indirizzo del servizio, ad esempio https://prossimo.example.org</translation>
    </message>
    <message>
        <source>Saved. The next sync uses this address.</source>
        <translation>Salvato. La prossima sincronizzazione userà questo indirizzo.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non salvato: {reason}</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase segreta</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase segreta attuale</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nuova frase segreta</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Ripeti la nuova frase segreta</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>&amp;Cambia frase segreta</translation>
    </message>
    <message>
        <source>The passphrase opens Prossimo on this computer. Changing it does not change your password for the central service.</source>
        <translation>La frase segreta apre Prossimo su questo computer. Cambiarla non cambia la password del servizio centrale.</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>Frase segreta a&amp;ttuale:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nuova frase segreta:</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>Ri&amp;petila:</translation>
    </message>
    <message>
        <source>Type the passphrase you use now</source>
        <translation>Scrivi la frase segreta che usi ora</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same</source>
        <translation>Le due nuove frasi segrete non sono uguali</translation>
    </message>
    <message>
        <source>Changing the passphrase… this takes a few seconds.</source>
        <translation>Cambio della frase segreta… ci vuole qualche secondo.</translation>
    </message>
    <message>
        <source>Your passphrase was changed. Use the new one from now on.</source>
        <translation>La frase segreta è stata cambiata. D&apos;ora in poi usa quella nuova.</translation>
    </message>
    <message>
        <source>This is not the current passphrase</source>
        <translation>Questa non è la frase segreta attuale</translation>
    </message>
    <message>
        <source>The passphrase was not changed: {reason}</source>
        <translation>La frase segreta non è stata cambiata: {reason}</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Questo computer</translation>
    </message>
    <message>
        <source>L&amp;ock now</source>
        <translation>Bl&amp;occa ora</translation>
    </message>
    <message>
        <source>Sign this device ou&amp;t…</source>
        <translation>Scoll&amp;ega questo dispositivo…</translation>
    </message>
    <message>
        <source>Locks Prossimo now, e.g. before you leave the computer; your passphrase opens it again.</source>
        <translation>Blocca subito Prossimo, ad esempio prima di allontanarsi dal computer; la frase segreta lo sblocca di nuovo.</translation>
    </message>
    <message>
        <source>Deletes this profile and every local record of it from this computer, e.g. before the computer goes to someone else.</source>
        <translation>Elimina questo profilo e tutti i suoi dati locali da questo computer, ad esempio prima che il computer passi a qualcun altro.</translation>
    </message>
    <message>
        <source>There is no file at this place</source>
        <translation>Non c&apos;è nessun file in questa posizione</translation>
    </message>
    <message>
        <source>This file cannot be read</source>
        <translation>Questo file non si può leggere</translation>
    </message>
    <message>
        <source>This file holds no certificate (a PEM file with -----BEGIN CERTIFICATE-----)</source>
        <translation>Questo file non contiene un certificato (serve un file PEM con -----BEGIN CERTIFICATE-----)</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Your data could not be read ({error}). Nothing was changed.</source>
        <translation>Impossibile leggere i dati ({error}). Non è stato modificato nulla.</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Bloccato dopo %n minuto di inattività.</numerusform>
            <numerusform>Bloccato dopo %n minuti di inattività.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked because the computer&apos;s session was locked.</source>
        <translation>Bloccato perché la sessione del computer è stata bloccata.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>Bloccato perché il computer è andato in sospensione.</translation>
    </message>
    <message>
        <source>This computer is now connected to your organisation&apos;s service. Unlock to start syncing.</source>
        <translation>Questo computer ora è collegato al servizio della tua organizzazione. Sblocca per iniziare a sincronizzare.</translation>
    </message>
    <message>
        <source>Your organisation removed this computer&apos;s access ({reason}). Every record it held has been deleted from it.</source>
        <translation>La tua organizzazione ha revocato l&apos;accesso di questo computer ({reason}). Tutti i dati che conteneva sono stati cancellati.</translation>
    </message>
</context>
<context>
    <name>ShiftForm</name>
    <message>
        <source>Encounters: {n}</source>
        <translation>Incontri: {n}</translation>
    </message>
    <message>
        <source>People: {n} ({new} new, {codes} with a code)</source>
        <translation>Persone: {n} ({new} nuove, {codes} con un codice)</translation>
    </message>
    <message>
        <source>Supplies given: {given}</source>
        <translation>Materiali distribuiti: {given}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>Used sharps taken back: {n}</source>
        <translation>Taglienti usati ritirati: {n}</translation>
    </message>
    <message>
        <source>Referrals: {n}</source>
        <translation>Invii: {n}</translation>
    </message>
    <message>
        <source>write each colleague&apos;s operator code, separated by commas</source>
        <translation>scrivi il codice operatore di ogni collega, separati da virgole</translation>
    </message>
    <message>
        <source>&amp;Start the shift</source>
        <translation>&amp;Inizia il turno</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>&amp;End the shift</source>
        <translation>&amp;Termina il turno</translation>
    </message>
    <message>
        <source>Start a shift</source>
        <translation>Inizia un turno</translation>
    </message>
    <message>
        <source>Change the shift</source>
        <translation>Modifica il turno</translation>
    </message>
    <message>
        <source>End the shift</source>
        <translation>Termina il turno</translation>
    </message>
    <message>
        <source>So far on this shift:</source>
        <translation>Finora in questo turno:</translation>
    </message>
    <message>
        <source>This shift:</source>
        <translation>Questo turno:</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>É&amp;quipe:</translation>
    </message>
    <message>
        <source>A municipality, or the name of your route</source>
        <translation>Un comune, o il nome del tuo percorso</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>&amp;Zona:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>Ti&amp;po:</translation>
    </message>
    <message>
        <source>Their operator codes, separated by commas</source>
        <translation>I loro codici operatore, separati da virgole</translation>
    </message>
    <message>
        <source>C&amp;olleagues:</source>
        <translation>C&amp;olleghi:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>This computer is not in any team yet: connect it to the organisation&apos;s service first.</source>
        <translation>Questo computer non è ancora in nessuna équipe: collegalo prima al servizio dell&apos;organizzazione.</translation>
    </message>
    <message>
        <source>write a municipality or a route name</source>
        <translation>scrivi un comune o il nome di un percorso</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Alt and the underlined letter also reaches any button or field. Tab moves to the next control, Shift+Tab back.</source>
        <translation>Con Alt e la lettera sottolineata si raggiunge anche qualsiasi pulsante o campo. Tab passa al controllo successivo, Maiusc+Tab torna indietro.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasti</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Che cosa fa</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Ovunque</translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <source>Sign this device out</source>
        <translation>Scollega questo dispositivo</translation>
    </message>
    <message>
        <source>Signing out deletes every record of this profile from this computer: contacts, appointments, notes and the key that protects them. It cannot be undone. On a synced profile your team&apos;s records stay on the central service and come back when you enrol this computer again.</source>
        <translation>Scollegando il dispositivo si eliminano da questo computer tutti i dati di questo profilo: contatti, appuntamenti, note e la chiave che li protegge. Non si può annullare. In un profilo sincronizzato i dati dell&apos;équipe restano sul servizio centrale e tornano quando questo computer viene registrato di nuovo.</translation>
    </message>
    <message>
        <source>I &amp;understand that this profile is deleted from this computer</source>
        <translation>&amp;Ho capito che questo profilo viene eliminato da questo computer</translation>
    </message>
    <message>
        <source>This profile is not connected to a central service: its records exist only on this computer and will be lost.</source>
        <translation>Questo profilo non è collegato a un servizio centrale: i suoi dati esistono solo su questo computer e andranno persi.</translation>
    </message>
    <message>
        <source>Delete them &amp;anyway: I accept that they are lost</source>
        <translation>Eliminali &amp;comunque: accetto che vadano persi</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the central service yet and will be lost. Sync first if you can.</source>
        <translation>
            <numerusform>%n modifica non è ancora arrivata al servizio centrale e andrà persa. Se possibile, sincronizza prima.</numerusform>
            <numerusform>%n modifiche non sono ancora arrivate al servizio centrale e andranno perse. Se possibile, sincronizza prima.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them &amp;anyway: I accept that these changes are lost</source>
        <translation>Eliminali &amp;comunque: accetto che queste modifiche vadano perse</translation>
    </message>
    <message>
        <source>&amp;Sign out and delete</source>
        <translation>&amp;Scollega ed elimina</translation>
    </message>
</context>
<context>
    <name>SlotForm</name>
    <message>
        <source>&amp;Offer slot</source>
        <translation>&amp;Offri fascia</translation>
    </message>
    <message>
        <source>Offer a slot at the help desk</source>
        <translation>Offri una fascia oraria sullo sportello online</translation>
    </message>
    <message>
        <source>People choose a free slot on the help desk&apos;s booking page, without seeing names. Their request then holds it until you confirm or decline it in Intake.</source>
        <translation>Le persone scelgono una fascia libera nella pagina di prenotazione dello sportello online, senza vedere nomi. La loro richiesta la tiene finché non la confermate o rifiutate in Richieste.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Ora di inizio</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Ora di fine</translation>
    </message>
    <message>
        <source>How the meeting happens</source>
        <translation>Come avviene l&apos;incontro</translation>
    </message>
    <message>
        <source>Where, or how</source>
        <translation>Dove, o come</translation>
    </message>
    <message>
        <source>For example: Via Roma 12, 2nd floor; or: we call you</source>
        <translation>Per esempio: Via Roma 12, 2° piano; oppure: vi chiamiamo noi</translation>
    </message>
    <message>
        <source>Team offering it</source>
        <translation>Équipe che la offre</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Nessuna équipe</translation>
    </message>
    <message>
        <source>The person sees this only once you have confirmed their booking.</source>
        <translation>La persona lo vede solo dopo che avete confermato la prenotazione.</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Giorno</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Inizio</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Fine</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;Modalità</translation>
    </message>
    <message>
        <source>&amp;Where or how</source>
        <translation>&amp;Dove o come</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>Éq&amp;uipe</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso orario</translation>
    </message>
    <message>
        <source>choose a time that has not passed yet</source>
        <translation>scegliete un orario non ancora passato</translation>
    </message>
    <message>
        <source>you are in no team yet: ask IT to add you to one</source>
        <translation>non siete ancora in nessuna équipe: chiedete all&apos;informatica di aggiungervi</translation>
    </message>
</context>
<context>
    <name>SlotsPanel</name>
    <message>
        <source>Help desk slots shown</source>
        <translation>Fasce orarie dello sportello online mostrate</translation>
    </message>
    <message>
        <source>Times your team offers for booking on the public help desk</source>
        <translation>Orari che la vostra équipe offre per la prenotazione sullo sportello online pubblico</translation>
    </message>
    <message>
        <source>O&amp;ffer a slot…</source>
        <translation>O&amp;ffri una fascia…</translation>
    </message>
    <message>
        <source>Offer a time that people can book on the help desk</source>
        <translation>Offrite un orario che le persone possono prenotare sullo sportello online</translation>
    </message>
    <message>
        <source>Stop offering this slot; a booking already made in it stays</source>
        <translation>Non offrire più questa fascia; una prenotazione già fatta resta</translation>
    </message>
    <message>
        <source>Help desk slo&amp;ts:</source>
        <translation>Fasce orarie dello sportel&amp;lo:</translation>
    </message>
    <message>
        <source>Help desk: open</source>
        <translation>Sportello: libera</translation>
    </message>
    <message>
        <source>Help desk: held, to answer</source>
        <translation>Sportello: tenuta, da rispondere</translation>
    </message>
    <message>
        <source>Help desk: booked</source>
        <translation>Sportello: prenotata</translation>
    </message>
    <message>
        <source>Help desk: withdrawn</source>
        <translation>Sportello: ritirata</translation>
    </message>
    <message>
        <source>Wit&amp;hdraw</source>
        <translation>Rit&amp;ira</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Cancella</translation>
    </message>
    <message>
        <source>Delete a slot offered by mistake</source>
        <translation>Cancella una fascia offerta per errore</translation>
    </message>
    <message>
        <source>No slots offered at the help desk in this period.</source>
        <translation>Nessuna fascia offerta sullo sportello online in questo periodo.</translation>
    </message>
    <message>
        <source>The help desk slots could not be read: {reason}</source>
        <translation>Non è stato possibile leggere le fasce dello sportello online: {reason}</translation>
    </message>
    <message>
        <source>Slot offered: {when}. People can book it on the help desk once this device syncs.</source>
        <translation>Fascia offerta: {when}. Le persone potranno prenotarla sullo sportello online dopo la sincronizzazione di questo computer.</translation>
    </message>
    <message>
        <source>Slot withdrawn: {when}.</source>
        <translation>Fascia ritirata: {when}.</translation>
    </message>
    <message>
        <source>Slot removed: {when}.</source>
        <translation>Fascia cancellata: {when}.</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>Non modificata: {reason}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuovo</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminato</translation>
    </message>
    <message>
        <source>Changed: {fields}</source>
        <translation>Modificato: {fields}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Stato della sincronizzazione</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>Send and receive changes now (F5)</source>
        <translation>Invia e ricevi le modifiche ora (F5)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <source>What needs attention</source>
        <translation>Cosa richiede attenzione</translation>
    </message>
    <message>
        <source>This profile works offline only: its records stay on this computer and are never sent anywhere.</source>
        <translation>Questo profilo funziona solo offline: i suoi dati restano su questo computer e non vengono mai inviati altrove.</translation>
    </message>
    <message>
        <source>Records with conflicts</source>
        <translation>Schede con conflitti</translation>
    </message>
    <message>
        <source>No conflicts: nothing to decide.</source>
        <translation>Nessun conflitto: non c&apos;è nulla da decidere.</translation>
    </message>
    <message>
        <source>Changes the service refused</source>
        <translation>Modifiche rifiutate dal servizio</translation>
    </message>
    <message>
        <source>The service accepted every change sent from this computer.</source>
        <translation>Il servizio ha accettato tutte le modifiche inviate da questo computer.</translation>
    </message>
    <message>
        <source>&amp;Discard my change</source>
        <translation>Scar&amp;ta la mia modifica</translation>
    </message>
    <message>
        <source>Forget this change; the record stays as the service has it</source>
        <translation>Dimentica questa modifica; la scheda resta come è sul servizio</translation>
    </message>
    <message>
        <source>Try a&amp;gain</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Send the change again, e.g. after you were given access</source>
        <translation>Invia di nuovo la modifica, ad esempio dopo aver ottenuto l&apos;accesso</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>Modifiche in attesa di invio</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Scheda</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <source>&amp;Conflicts ({n})</source>
        <translation>&amp;Conflitti ({n})</translation>
    </message>
    <message>
        <source>&amp;Refused changes ({n})</source>
        <translation>Modifiche ri&amp;fiutate ({n})</translation>
    </message>
    <message>
        <source>&amp;Waiting to be sent ({n})</source>
        <translation>In &amp;attesa di invio ({n})</translation>
    </message>
    <message>
        <source>The list could not be read: {reason}</source>
        <translation>Impossibile leggere l&apos;elenco: {reason}</translation>
    </message>
    <message>
        <source>This computer has not synced with the service yet.</source>
        <translation>Questo computer non si è ancora sincronizzato con il servizio.</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>Ultima sincronizzazione riuscita: {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent or received</source>
        <translation>
            <numerusform>%n scheda inviata o ricevuta</numerusform>
            <numerusform>%n schede inviate o ricevute</numerusform>
        </translation>
    </message>
    <message>
        <source>{record}
{fields}</source>
        <translation>{record}
{fields}</translation>
    </message>
    <message>
        <source>{record} ({what})
refused {when}</source>
        <translation>{record} ({what})
rifiutata il {when}</translation>
    </message>
    <message>
        <source>New {what}: {record}</source>
        <translation>Creazione di {what}: {record}</translation>
    </message>
    <message>
        <source>Change to {what}: {record}</source>
        <translation>Modifica di {what}: {record}</translation>
    </message>
    <message>
        <source>Deleting {what}: {record}</source>
        <translation>Eliminazione di {what}: {record}</translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation>Motivo: {reason}</translation>
    </message>
    <message>
        <source>The service said: {message}</source>
        <translation>Messaggio del servizio: {message}</translation>
    </message>
    <message>
        <source>You deleted this record; the service keeps it.</source>
        <translation>Hai eliminato questa scheda; il servizio la conserva.</translation>
    </message>
    <message>
        <source>What you entered:</source>
        <translation>Dati inseriti:</translation>
    </message>
    <message>
        <source>What you changed:</source>
        <translation>Dati modificati:</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>Scartare questa modifica?</translation>
    </message>
    <message>
        <source>Your change to {record} will be forgotten for good. The record stays as the service has it.</source>
        <translation>La modifica a {record} verrà eliminata definitivamente. La scheda resta come è sul servizio.</translation>
    </message>
    <message>
        <source>The change was discarded.</source>
        <translation>La modifica è stata scartata.</translation>
    </message>
    <message>
        <source>The change will be sent again with the next sync.</source>
        <translation>La modifica verrà inviata di nuovo con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>This record is no longer on this computer, so the change cannot be sent again. You can discard it.</source>
        <translation>Questa scheda non è più su questo computer, quindi la modifica non può essere inviata di nuovo. Si può scartare.</translation>
    </message>
    <message>
        <source>It did not work: {reason}</source>
        <translation>Operazione non riuscita: {reason}</translation>
    </message>
    <message>
        <source>Nothing is waiting: every change made on this computer has reached the service.</source>
        <translation>Niente in attesa: tutte le modifiche fatte su questo computer sono arrivate al servizio.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent: {parts}.</source>
        <translation>
            <numerusform>%n modifica in attesa di invio: {parts}.</numerusform>
            <numerusform>%n modifiche in attesa di invio: {parts}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The oldest {n} are listed.</source>
        <translation>Sono elencate le {n} meno recenti.</translation>
    </message>
</context>
<context>
    <name>SyncReasons</name>
    <message>
        <source>You are not (or no longer) in the team this record belongs to.</source>
        <translation>Non fai parte (o non fai più parte) dell&apos;équipe a cui appartiene questa scheda.</translation>
    </message>
    <message>
        <source>Your role does not allow this change: ask your coordinator.</source>
        <translation>Il tuo ruolo non permette questa modifica: chiedi al tuo coordinatore.</translation>
    </message>
    <message>
        <source>The service no longer has this record: it was probably deleted by someone else.</source>
        <translation>Il servizio non ha più questa scheda: probabilmente qualcun altro l&apos;ha eliminata.</translation>
    </message>
    <message>
        <source>The service already has a record with the same identity.</source>
        <translation>Il servizio ha già una scheda con la stessa identità.</translation>
    </message>
    <message>
        <source>The change breaks a rule of the record, see the service&apos;s message.</source>
        <translation>La modifica non rispetta una regola della scheda, vedi il messaggio del servizio.</translation>
    </message>
    <message>
        <source>Case notes cannot be changed or deleted: add a new note that corrects it instead.</source>
        <translation>Le note non si possono modificare né eliminare: aggiungi invece una nuova nota che la corregge.</translation>
    </message>
    <message>
        <source>It refers to a record the service does not have, or that you may not see.</source>
        <translation>Si riferisce a una scheda che il servizio non ha, o che non puoi vedere.</translation>
    </message>
    <message>
        <source>The record needs a team, because you work in more than one.</source>
        <translation>La scheda ha bisogno di un&apos;équipe, perché lavori in più di una.</translation>
    </message>
    <message>
        <source>This person&apos;s data was erased at the organisation&apos;s request: nothing may bring it back.</source>
        <translation>I dati di questa persona sono stati cancellati su richiesta dell&apos;organizzazione: niente può ripristinarli.</translation>
    </message>
    <message>
        <source>The service refused it ({reason}).</source>
        <translation>Il servizio l&apos;ha rifiutata ({reason}).</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Syncing {done} of {total}</source>
        <translation>Sincronizzazione: {done} di {total}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>Offline: your work is kept on this computer</source>
        <translation>Offline: il lavoro resta su questo computer</translation>
    </message>
    <message>
        <source>Sync error: {reason}</source>
        <translation>Errore di sincronizzazione: {reason}</translation>
    </message>
    <message>
        <source>Prossimo needs an update to sync: {reason}</source>
        <translation>Per sincronizzare serve un aggiornamento di Prossimo: {reason}</translation>
    </message>
    <message>
        <source>Not connected to a service yet</source>
        <translation>Non ancora collegato a un servizio</translation>
    </message>
    <message>
        <source>This computer was wiped: {reason}</source>
        <translation>I dati di questo computer sono stati cancellati: {reason}</translation>
    </message>
    <message>
        <source>Up to date at {time}</source>
        <translation>Aggiornato: {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Non ancora sincronizzato</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflitto da risolvere</numerusform>
            <numerusform>%n conflitti da risolvere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n modifica in attesa</numerusform>
            <numerusform>%n modifiche in attesa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n modifica rifiutata</numerusform>
            <numerusform>%n modifiche rifiutate</numerusform>
        </translation>
    </message>
    <message>
        <source>this computer&apos;s clock is off by {s:+.0f} s</source>
        <translation>l&apos;orologio di questo computer è sfasato di {s:+.0f} s</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>contact</source>
        <translation>contatto</translation>
    </message>
    <message>
        <source>relationship</source>
        <translation>relazione</translation>
    </message>
    <message>
        <source>consent</source>
        <translation>consenso</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>appuntamento</translation>
    </message>
    <message>
        <source>service in the directory</source>
        <translation>servizio dell&apos;elenco</translation>
    </message>
    <message>
        <source>case note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>invio a un servizio</translation>
    </message>
    <message>
        <source>help-desk request</source>
        <translation>richiesta dallo sportello online</translation>
    </message>
    <message>
        <source>help-desk time slot</source>
        <translation>orario dello sportello</translation>
    </message>
    <message>
        <source>conflict decision</source>
        <translation>decisione su un conflitto</translation>
    </message>
    <message>
        <source>outreach shift</source>
        <translation>turno di strada</translation>
    </message>
    <message>
        <source>outreach encounter</source>
        <translation>incontro di strada</translation>
    </message>
    <message>
        <source>supply item</source>
        <translation>materiale</translation>
    </message>
    <message>
        <source>stock movement</source>
        <translation>movimento di magazzino</translation>
    </message>
    <message>
        <source>Contact: {n}</source>
        <translation>Contatti: {n}</translation>
    </message>
    <message>
        <source>Relationship: {n}</source>
        <translation>Relazioni: {n}</translation>
    </message>
    <message>
        <source>Consent: {n}</source>
        <translation>Consensi: {n}</translation>
    </message>
    <message>
        <source>Appointment: {n}</source>
        <translation>Appuntamenti: {n}</translation>
    </message>
    <message>
        <source>Directory service: {n}</source>
        <translation>Servizi dell&apos;elenco: {n}</translation>
    </message>
    <message>
        <source>Case note: {n}</source>
        <translation>Note: {n}</translation>
    </message>
    <message>
        <source>Referral: {n}</source>
        <translation>Invii: {n}</translation>
    </message>
    <message>
        <source>Help-desk request: {n}</source>
        <translation>Richieste dallo sportello: {n}</translation>
    </message>
    <message>
        <source>Help-desk time slot: {n}</source>
        <translation>Orari dello sportello: {n}</translation>
    </message>
    <message>
        <source>Conflict decision: {n}</source>
        <translation>Decisioni su conflitti: {n}</translation>
    </message>
    <message>
        <source>Outreach shift: {n}</source>
        <translation>Turno di strada: {n}</translation>
    </message>
    <message>
        <source>Outreach encounter: {n}</source>
        <translation>Incontro di strada: {n}</translation>
    </message>
    <message>
        <source>Supply item: {n}</source>
        <translation>Materiale: {n}</translation>
    </message>
    <message>
        <source>Stock movement: {n}</source>
        <translation>Movimento di magazzino: {n}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Name or nickname</source>
        <translation>Nome o soprannome</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Relazione</translation>
    </message>
    <message>
        <source>Kind of note</source>
        <translation>Tipo di nota</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Lingua preferita</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etichette</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contatto</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalità</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>How it was given</source>
        <translation>Come è stato dato</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Dato il</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Scade il</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Revocato il</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso orario</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Reminder (minutes before)</source>
        <translation>Promemoria (minuti prima)</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organizzazione</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Parole chiave</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numeri di telefono</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Orari di apertura</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Chi può usarlo</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Lingue</translation>
    </message>
    <message>
        <source>Last checked on</source>
        <translation>Ultima verifica il</translation>
    </message>
    <message>
        <source>Organisation code (HSDS)</source>
        <translation>Codice dell&apos;ente (HSDS)</translation>
    </message>
    <message>
        <source>Service code (HSDS)</source>
        <translation>Codice del servizio (HSDS)</translation>
    </message>
    <message>
        <source>Location code (HSDS)</source>
        <translation>Codice della sede (HSDS)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Testo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Corrected note</source>
        <translation>Nota corretta</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consenso</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>How to reply</source>
        <translation>Come rispondere</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>Rispondere a</translation>
    </message>
    <message>
        <source>Preferred times</source>
        <translation>Orari preferiti</translation>
    </message>
    <message>
        <source>Time chosen</source>
        <translation>Orario scelto</translation>
    </message>
    <message>
        <source>Reply to the person</source>
        <translation>Risposta alla persona</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <source>Where or how</source>
        <translation>Dove o come</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilità</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Agreed to be contacted</source>
        <translation>Accetta di essere contattato</translation>
    </message>
    <message>
        <source>May say who it is from</source>
        <translation>Si può dire chi chiama</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuta</translation>
    </message>
    <message>
        <source>Reference code</source>
        <translation>Codice di riferimento</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Giorni di chiusura e altri orari</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Motivo del rifiuto</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regione</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitudine</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitudine</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>Opens at</source>
        <translation>Apre alle</translation>
    </message>
    <message>
        <source>Closes at</source>
        <translation>Chiude alle</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Codice della scheda</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creata</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Ultima modifica</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Si ripete</translation>
    </message>
    <message>
        <source>Repeats every</source>
        <translation>Ogni</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Termina il</translation>
    </message>
    <message>
        <source>Number of meetings</source>
        <translation>Numero di incontri</translation>
    </message>
    <message>
        <source>Skipped meetings</source>
        <translation>Incontri saltati</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Scritta da</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflitto</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Voce</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Guida ai servizi</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminata</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Version on the service</source>
        <translation>Versione sul servizio</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vuoto)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>another team</source>
        <translation>un&apos;altra équipe</translation>
    </message>
    <message>
        <source>a linked record</source>
        <translation>una scheda collegata</translation>
    </message>
    <message>
        <source>{field} of {record}</source>
        <translation>{field} di {record}</translation>
    </message>
    <message>
        <source>request from {alias}</source>
        <translation>richiesta di {alias}</translation>
    </message>
    <message>
        <source>appointment {time}</source>
        <translation>appuntamento {time}</translation>
    </message>
    <message>
        <source>{what} about {people}</source>
        <translation>{what} su {people}</translation>
    </message>
    <message>
        <source>a {what} no longer on this computer</source>
        <translation>{what} non più presente su questo computer</translation>
    </message>
    <message>
        <source>a {what} without a name</source>
        <translation>{what} senza nome</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>Calendar grid</source>
        <translation>Griglia del calendario</translation>
    </message>
    <message>
        <source>{when}: {appointment}</source>
        <translation>{when}: {appointment}</translation>
    </message>
    <message>
        <source>{when}: free</source>
        <translation>{when}: libero</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Low stock</source>
        <translation>Scorte basse</translation>
    </message>
    <message>
        <source>Street &amp;outreach</source>
        <translation>Unità di &amp;strada</translation>
    </message>
    <message>
        <source>Appointments today</source>
        <translation>Appuntamenti di oggi</translation>
    </message>
    <message>
        <source>Nothing booked today.</source>
        <translation>Nessun appuntamento oggi.</translation>
    </message>
    <message>
        <source>Appointments tomorrow</source>
        <translation>Appuntamenti di domani</translation>
    </message>
    <message>
        <source>Nothing booked tomorrow.</source>
        <translation>Nessun appuntamento domani.</translation>
    </message>
    <message>
        <source>Open &amp;requests</source>
        <translation>Apri le &amp;richieste</translation>
    </message>
    <message>
        <source>New requests from the help desk</source>
        <translation>Nuove richieste dallo sportello online</translation>
    </message>
    <message>
        <source>No new requests.</source>
        <translation>Nessuna nuova richiesta.</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Da seguire</translation>
    </message>
    <message>
        <source>Nothing to follow up.</source>
        <translation>Niente da seguire.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation>Modifiche non ancora sincronizzate</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Sincroni&amp;zza ora</translation>
    </message>
    <message>
        <source>Today&apos;s overview could not be read: {reason}</source>
        <translation>Impossibile leggere il riepilogo di oggi: {reason}</translation>
    </message>
    <message>
        <source>Appointments &amp;today ({n})</source>
        <translation>Appuntamenti di &amp;oggi ({n})</translation>
    </message>
    <message>
        <source>Appointments to&amp;morrow, {date} ({n})</source>
        <translation>Appuntamenti di &amp;domani, {date} ({n})</translation>
    </message>
    <message>
        <source>&amp;New requests from the help desk ({n})</source>
        <translation>&amp;Nuove richieste dallo sportello online ({n})</translation>
    </message>
    <message>
        <source>&amp;Follow-ups ({n})</source>
        <translation>Da &amp;seguire ({n})</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n modifica non ancora sincronizzata</numerusform>
            <numerusform>%n modifiche non ancora sincronizzate</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>No changes waiting.</source>
        <translation>Nessuna modifica in attesa.</translation>
    </message>
    <message>
        <source>All changes are synced.</source>
        <translation>Tutte le modifiche sono sincronizzate.</translation>
    </message>
    <message>
        <source>received {date} {time}</source>
        <translation>arrivata il {date} alle {time}</translation>
    </message>
    <message>
        <source>a contact</source>
        <translation>un contatto</translation>
    </message>
    <message>
        <source>Record the outcome: {date} {time} · {name} · {place}</source>
        <translation>Registra l&apos;esito: {date} {time} · {name} · {place}</translation>
    </message>
    <message>
        <source>Consent of {name} for {purpose} expires on {date}</source>
        <translation>Il consenso di {name} per {purpose} scade il {date}</translation>
    </message>
    <message>
        <source>Referral of {name} to {service}: no answer since {date}</source>
        <translation>Invio di {name} a {service}: nessuna risposta dal {date}</translation>
    </message>
    <message>
        <source>a service</source>
        <translation>un servizio</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Prossimo is locked</source>
        <translation>Prossimo è bloccato</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase segreta:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase segreta</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Sblocca</translation>
    </message>
    <message>
        <source>Type your passphrase, then press Enter.</source>
        <translation>Scrivi la frase segreta, poi premi Invio.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Sblocco in corso…</translation>
    </message>
    <message>
        <source>That passphrase is not right. Check Caps Lock and try again.</source>
        <translation>La frase segreta non è corretta. Controlla il tasto Bloc Maiusc e riprova.</translation>
    </message>
    <message>
        <source>Please wait {s} seconds.</source>
        <translation>Attendi {s} secondi.</translation>
    </message>
    <message>
        <source>This data was written by a newer Prossimo. Install the newer version; nothing was changed.</source>
        <translation>Questi dati sono stati scritti da una versione più recente di Prossimo. Installa la versione più recente; non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>The encrypted data on this computer is damaged or incomplete, so it cannot be opened. Nothing was deleted. Call your IT contact and do not reinstall before they have looked at it.</source>
        <translation>I dati cifrati su questo computer sono danneggiati o incompleti, quindi non si possono aprire. Non è stato eliminato nulla. Chiama il referente informatico e non reinstallare prima che li abbia controllati.</translation>
    </message>
    <message>
        <source>Prossimo could not open your data: {error}</source>
        <translation>Prossimo non è riuscito ad aprire i dati: {error}</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Update available</source>
        <translation>Aggiornamento disponibile</translation>
    </message>
    <message>
        <source>Update check refused: the {check} check failed</source>
        <translation>Controllo degli aggiornamenti rifiutato: il controllo {check} non è riuscito</translation>
    </message>
    <message>
        <source>Update {version} available</source>
        <translation>Aggiornamento {version} disponibile</translation>
    </message>
    <message>
        <source>Prossimo update</source>
        <translation>Aggiornamento di Prossimo</translation>
    </message>
    <message>
        <source>Prossimo {version} is available.</source>
        <translation>È disponibile Prossimo {version}.</translation>
    </message>
    <message>
        <source>What it fixes: {notes}</source>
        <translation>Cosa corregge: {notes}</translation>
    </message>
    <message>
        <source>Prossimo downloads it and checks it against your organisation&apos;s signatures. It never installs it by itself.</source>
        <translation>Prossimo lo scarica e lo verifica con le firme della tua organizzazione. Non lo installa mai da solo.</translation>
    </message>
    <message>
        <source>&amp;Download and verify</source>
        <translation>&amp;Scarica e verifica</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Più tardi</translation>
    </message>
    <message>
        <source>The update was downloaded and verified: {path}

Prossimo does not install it by itself: close Prossimo and open that file, or ask your IT staff.</source>
        <translation>L&apos;aggiornamento è stato scaricato e verificato: {path}

Prossimo non lo installa da solo: chiudi Prossimo e apri quel file, oppure chiedi al personale IT.</translation>
    </message>
    <message>
        <source>The update was refused: the {check} check failed. Nothing was installed.</source>
        <translation>Aggiornamento rifiutato: il controllo {check} non è riuscito. Non è stato installato nulla.</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>firma</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>hash</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>scadenza</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versione</translation>
    </message>
    <message>
        <source>redirect</source>
        <translation>reindirizzamento</translation>
    </message>
    <message>
        <source>metadata</source>
        <translation>metadati</translation>
    </message>
    <message>
        <source>download</source>
        <translation>scaricamento</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Prossimo</source>
        <translation>Benvenuti in Prossimo</translation>
    </message>
    <message>
        <source>Prossimo keeps your contacts, appointments and notes encrypted on this computer. It works without internet, and shares your work with your organisation whenever a connection is there.</source>
        <translation>Prossimo conserva contatti, appuntamenti e note cifrati su questo computer. Funziona senza internet e condivide il lavoro con la tua organizzazione ogni volta che c&apos;è una connessione.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>&amp;Connect to my organisation&apos;s service</source>
        <translation>&amp;Collega al servizio della mia organizzazione</translation>
    </message>
    <message>
        <source>Use Prossimo &amp;offline only, on this computer</source>
        <translation>Usa Prossimo solo &amp;offline, su questo computer</translation>
    </message>
    <message>
        <source>Offline only: nothing leaves this computer. You can connect it to your organisation later, in Settings.</source>
        <translation>Solo offline: nulla esce da questo computer. Potrai collegarlo alla tua organizzazione in seguito, nelle Impostazioni.</translation>
    </message>
</context>
<context>
    <name>_BookingAnswer</name>
    <message>
        <source>{alias} chose: {slot}. Reference {reference}.</source>
        <translation>{alias} ha scelto: {slot}. Riferimento {reference}.</translation>
    </message>
    <message>
        <source>Message to the person</source>
        <translation>Messaggio alla persona</translation>
    </message>
    <message>
        <source>&amp;Message to the person:</source>
        <translation>&amp;Messaggio alla persona:</translation>
    </message>
</context>
<context>
    <name>_ConflictRow</name>
    <message>
        <source>From this computer, sent at {time}</source>
        <translation>Da questo computer, inviato il {time}</translation>
    </message>
    <message>
        <source>From your other device, sent at {time}</source>
        <translation>Dal tuo altro dispositivo, inviato il {time}</translation>
    </message>
    <message>
        <source>From a colleague&apos;s device, sent at {time}</source>
        <translation>Dal dispositivo di un collega, inviato il {time}</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Su questo computer</translation>
    </message>
    <message>
        <source>{field} on this computer</source>
        <translation>{field} su questo computer</translation>
    </message>
    <message>
        <source>{field}: {heading}</source>
        <translation>{field}: {heading}</translation>
    </message>
    <message>
        <source>Keep the &amp;saved value</source>
        <translation>Mantieni il valore &amp;salvato</translation>
    </message>
    <message>
        <source>Keep &amp;my change</source>
        <translation>Mantieni la &amp;mia modifica</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Mantieni il &amp;mio</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Mantieni l&apos;&amp;altro</translation>
    </message>
    <message>
        <source>Keep the value on this computer for {field}</source>
        <translation>Mantieni il valore su questo computer per {field}</translation>
    </message>
    <message>
        <source>Keep the other value for {field}</source>
        <translation>Mantieni l&apos;altro valore per {field}</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Modi&amp;fica…</translation>
    </message>
    <message>
        <source>Type another value for {field}</source>
        <translation>Scrivi un altro valore per {field}</translation>
    </message>
    <message>
        <source>This kind of field cannot be typed here: keep one of the two values, then change the record itself if needed.</source>
        <translation>Questo tipo di campo non si può scrivere qui: mantieni uno dei due valori, poi, se serve, modifica direttamente la scheda.</translation>
    </message>
    <message>
        <source>New value for {field}</source>
        <translation>Nuovo valore per {field}</translation>
    </message>
    <message>
        <source>Separate the items with commas</source>
        <translation>Separa le voci con una virgola</translation>
    </message>
    <message>
        <source>&amp;Save this value</source>
        <translation>Sal&amp;va questo valore</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Type a value, or keep one of the two above</source>
        <translation>Scrivi un valore o mantieni uno dei due qui sopra</translation>
    </message>
    <message>
        <source>Type a whole number</source>
        <translation>Scrivi un numero intero</translation>
    </message>
</context>
<context>
    <name>_WritingDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>This could not be saved. Please try again.</source>
        <translation>Impossibile salvare. Riprova.</translation>
    </message>
</context>
</TS>
