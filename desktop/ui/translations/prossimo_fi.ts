<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi" sourcelanguage="en">
<context>
    <name>AppointmentForm</name>
    <message>
        <source>Edit appointment</source>
        <translation>Muokkaa tapaamista</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Uusi tapaaminen</translation>
    </message>
    <message>
        <source>Contacts of this appointment</source>
        <translation>Tapaamisen asiakkaat</translation>
    </message>
    <message>
        <source>Add &amp;contact…</source>
        <translation>Lisää &amp;asiakas…</translation>
    </message>
    <message>
        <source>&amp;Remove contact</source>
        <translation>&amp;Poista tapaamisesta</translation>
    </message>
    <message>
        <source>Contac&amp;ts:</source>
        <translation>Asia&amp;kkaat:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Päivä</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Alkamisaika</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation>Kesto minuutteina</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>Päi&amp;vä:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>K&amp;esto:</translation>
    </message>
    <message>
        <source>Kind of place</source>
        <translation>Tapaamispaikan tyyppi</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>M&amp;issä:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sijainti</translation>
    </message>
    <message>
        <source>Address or meeting point (optional)</source>
        <translation>Osoite tai tapaamispaikka (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Sijainti:</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>T&amp;opic:</source>
        <translation>Ai&amp;he:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>&amp;Tila:</translation>
    </message>
    <message>
        <source>Outcome note</source>
        <translation>Lopputulos</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Muistutus</translation>
    </message>
    <message>
        <source>R&amp;eminder:</source>
        <translation>M&amp;uistutus:</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) before</source>
        <translation>
            <numerusform>%n päivä ennen</numerusform>
            <numerusform>%n päivää ennen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n tunti ennen</numerusform>
            <numerusform>%n tuntia ennen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minuutti ennen</numerusform>
            <numerusform>%n minuuttia ennen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Book anyway</source>
        <translation>Va&amp;raa silti</translation>
    </message>
    <message>
        <source>C&amp;hange time</source>
        <translation>Vaih&amp;da aika</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Ta&amp;llenna</translation>
    </message>
    <message>
        <source>Start t&amp;ime:</source>
        <translation>Alka&amp;misaika:</translation>
    </message>
    <message>
        <source>Outco&amp;me:</source>
        <translation>L&amp;opputulos:</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Toistuminen</translation>
    </message>
    <message>
        <source>Re&amp;peats:</source>
        <translation>Toistumi&amp;nen:</translation>
    </message>
    <message>
        <source>How the repeats end</source>
        <translation>Milloin toistuminen päättyy</translation>
    </message>
    <message>
        <source>On this date:</source>
        <translation>Tänä päivänä:</translation>
    </message>
    <message>
        <source>After this many meetings:</source>
        <translation>Näin monen tapaamisen jälkeen:</translation>
    </message>
    <message>
        <source>Last date of the repeats</source>
        <translation>Toistumisen viimeinen päivä</translation>
    </message>
    <message>
        <source>Number of meetings</source>
        <translation>Tapaamisten määrä</translation>
    </message>
    <message>
        <source>E&amp;nds:</source>
        <translation>Päätt&amp;yy:</translation>
    </message>
    <message>
        <source>S&amp;kip only this meeting</source>
        <translation>&amp;Jätä vain tämä tapaaminen väliin</translation>
    </message>
    <message>
        <source>This meeting does not take place; the others stay booked</source>
        <translation>Tämä tapaaminen jää pitämättä; muut pysyvät varattuina</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>Ei toistu</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Joka viikko</translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation>Joka toinen viikko</translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks</source>
        <translation>
            <numerusform>Joka %n. viikko</numerusform>
            <numerusform>Joka %n. viikko</numerusform>
        </translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Joka kuukausi</translation>
    </message>
    <message numerus="yes">
        <source>Every %n months</source>
        <translation>
            <numerusform>Joka %n. kuukausi</numerusform>
            <numerusform>Joka %n. kuukausi</numerusform>
        </translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>Ei muistutusta</translation>
    </message>
    <message>
        <source>When it starts</source>
        <translation>Kun tapaaminen alkaa</translation>
    </message>
    <message>
        <source>(contact not on this computer)</source>
        <translation>(asiakas ei ole tällä tietokoneella)</translation>
    </message>
    <message>
        <source>A repeating appointment: what you change here applies to every meeting.</source>
        <translation>Toistuva tapaaminen: tässä tehdyt muutokset koskevat kaikkia tapaamisia.</translation>
    </message>
    <message>
        <source>You opened the meeting of {date}.</source>
        <translation>Avasit tapaamisen {date}.</translation>
    </message>
    <message>
        <source>until {range}</source>
        <translation>aika: {range}</translation>
    </message>
    <message>
        <source>What happened, and what comes next.</source>
        <translation>Mitä tapahtui ja mitä tehdään seuraavaksi.</translation>
    </message>
    <message>
        <source>Fill in after the appointment.</source>
        <translation>Täytä tapaamisen jälkeen.</translation>
    </message>
    <message>
        <source>This time overlaps other appointments:</source>
        <translation>Aika menee päällekkäin muiden tapaamisten kanssa:</translation>
    </message>
    <message>
        <source>…and {n} more</source>
        <translation>…ja {n} muuta</translation>
    </message>
    <message>
        <source>{names} already has an appointment {when}</source>
        <translation>{names}: on jo tapaaminen {when}</translation>
    </message>
    <message>
        <source>A contact of this appointment already has one {when}</source>
        <translation>Tapaamisen asiakkaalla on jo toinen tapaaminen {when}</translation>
    </message>
    <message>
        <source>You already have an appointment {when} with {names}</source>
        <translation>Sinulla on jo tapaaminen {when} ({names})</translation>
    </message>
    <message>
        <source>You already have an appointment {when}</source>
        <translation>Sinulla on jo tapaaminen {when}</translation>
    </message>
    <message>
        <source>The same operator already has an appointment {when}</source>
        <translation>Samalla työntekijällä on jo tapaaminen {when}</translation>
    </message>
</context>
<context>
    <name>BookingConfirmDialog</name>
    <message>
        <source>&amp;Confirm booking</source>
        <translation>&amp;Vahvista varaus</translation>
    </message>
    <message>
        <source>Confirm a help desk booking</source>
        <translation>Vahvista verkkoneuvonnan ajanvaraus</translation>
    </message>
    <message>
        <source>Optional. For example: ring the bell marked Centro, 2nd floor.</source>
        <translation>Valinnainen. Esimerkiksi: soita ovikelloa, jossa lukee Keskus, 2. kerros.</translation>
    </message>
</context>
<context>
    <name>BookingDeclineDialog</name>
    <message>
        <source>&amp;Decline booking</source>
        <translation>&amp;Hylkää varaus</translation>
    </message>
    <message>
        <source>Decline a help desk booking</source>
        <translation>Hylkää verkkoneuvonnan ajanvaraus</translation>
    </message>
    <message>
        <source>&amp;Message to the person (required):</source>
        <translation>&amp;Viesti henkilölle (pakollinen):</translation>
    </message>
    <message>
        <source>For example: we cannot meet at that time; please choose another one, or call us.</source>
        <translation>Esimerkiksi: emme pääse tapaamaan silloin; valitse toinen aika tai soita meille.</translation>
    </message>
    <message>
        <source>Reason for the team</source>
        <translation>Syy tiimille</translation>
    </message>
    <message>
        <source>&amp;Reason, for the team only (optional):</source>
        <translation>&amp;Syy, vain tiimille (valinnainen):</translation>
    </message>
    <message>
        <source>write a message to the person: they will read it</source>
        <translation>kirjoita viesti henkilölle: hän lukee sen</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Edellinen</translation>
    </message>
    <message>
        <source>Previous day or week (Alt+Left)</source>
        <translation>Edellinen päivä tai viikko (Alt+Vasen nuoli)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <source>Back to today (T)</source>
        <translation>Palaa tähän päivään (T)</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Seuraava ›</translation>
    </message>
    <message>
        <source>Next day or week (Alt+Right)</source>
        <translation>Seuraava päivä tai viikko (Alt+Oikea nuoli)</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Näytettävä jakso</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Siirry päivään</translation>
    </message>
    <message>
        <source>&amp;Go to:</source>
        <translation>&amp;Siirry:</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Päivä</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Viikko</translation>
    </message>
    <message>
        <source>M&amp;onth</source>
        <translation>&amp;Kuukausi</translation>
    </message>
    <message>
        <source>Show one day</source>
        <translation>Näytä yksi päivä</translation>
    </message>
    <message>
        <source>Show one week</source>
        <translation>Näytä yksi viikko</translation>
    </message>
    <message>
        <source>Show one month</source>
        <translation>Näytä yksi kuukausi</translation>
    </message>
    <message>
        <source>Whose appointments</source>
        <translation>Kenen tapaamiset</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Omat</translation>
    </message>
    <message>
        <source>My team: {name}</source>
        <translation>Oma tiimi: {name}</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Näytä:</translation>
    </message>
    <message>
        <source>New &amp;appointment</source>
        <translation>Uusi &amp;tapaaminen</translation>
    </message>
    <message>
        <source>Book a new appointment (Ctrl+N)</source>
        <translation>Varaa uusi tapaaminen (Ctrl+N)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>V&amp;ie…</translation>
    </message>
    <message>
        <source>Save appointments as a calendar file (.ics) for other programs</source>
        <translation>Tallenna tapaamiset kalenteritiedostoon (.ics) muita ohjelmia varten</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>T&amp;uo…</translation>
    </message>
    <message>
        <source>Read appointments from a calendar file (.ics)</source>
        <translation>Lue tapaamiset kalenteritiedostosta (.ics)</translation>
    </message>
    <message>
        <source>Appointments shown</source>
        <translation>Näytettävät tapaamiset</translation>
    </message>
    <message>
        <source>Appo&amp;intments:</source>
        <translation>Tapaamis&amp;et:</translation>
    </message>
    <message>
        <source>Previous day or week</source>
        <translation>Edellinen päivä tai viikko</translation>
    </message>
    <message>
        <source>Next day or week</source>
        <translation>Seuraava päivä tai viikko</translation>
    </message>
    <message>
        <source>Back to today</source>
        <translation>Takaisin tähän päivään</translation>
    </message>
    <message>
        <source>Book a new appointment</source>
        <translation>Varaa uusi tapaaminen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Ladataan…</translation>
    </message>
    <message>
        <source>Week {number}: {monday} to {sunday}</source>
        <translation>Viikko {number}: {monday}–{sunday}</translation>
    </message>
    <message>
        <source>No appointments on this day.</source>
        <translation>Ei tapaamisia tänä päivänä.</translation>
    </message>
    <message>
        <source>No appointments this week.</source>
        <translation>Ei tapaamisia tällä viikolla.</translation>
    </message>
    <message>
        <source>No appointments this month.</source>
        <translation>Ei tapaamisia tässä kuussa.</translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n tapaaminen</numerusform>
            <numerusform>%n tapaamista</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s) saved to {file}</source>
        <translation>
            <numerusform>%n tapaaminen tallennettu tiedostoon {file}</numerusform>
            <numerusform>%n tapaamista tallennettu tiedostoon {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>The calendar could not be read: {reason}</source>
        <translation>Kalenteria ei voitu lukea: {reason}</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>overlaps with {what}</source>
        <translation>menee päällekkäin: {what}</translation>
    </message>
    <message>
        <source>repeats</source>
        <translation>toistuva</translation>
    </message>
</context>
<context>
    <name>CodeMaker</name>
    <message>
        <source>Mother&apos;s first name</source>
        <translation>Äidin etunimi</translation>
    </message>
    <message>
        <source>Father&apos;s first name</source>
        <translation>Isän etunimi</translation>
    </message>
    <message>
        <source>Day of birth (1-31)</source>
        <translation>Syntymäpäivä (1–31)</translation>
    </message>
    <message>
        <source>Month of birth (1-12)</source>
        <translation>Syntymäkuukausi (1–12)</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Syntymävuosi</translation>
    </message>
    <message>
        <source>Gender (F, M or X)</source>
        <translation>Sukupuoli (F, M tai X)</translation>
    </message>
</context>
<context>
    <name>CodeMakerDialog</name>
    <message>
        <source>&amp;Make the code</source>
        <translation>&amp;Muodosta koodi</translation>
    </message>
    <message>
        <source>Anonymous code</source>
        <translation>Nimetön koodi</translation>
    </message>
    <message>
        <source>Ask the person these questions. Their answers are never kept: only the code is.</source>
        <translation>Kysy henkilöltä nämä kysymykset. Vastauksia ei koskaan tallenneta, vain koodi.</translation>
    </message>
    <message>
        <source>This computer has not received the organisation&apos;s code key yet: sync it with the service first.</source>
        <translation>Tämä tietokone ei ole vielä saanut organisaation koodiavainta: synkronoi se ensin palvelun kanssa.</translation>
    </message>
    <message>
        <source>met before by your team</source>
        <translation>tiimisi on tavannut aiemmin</translation>
    </message>
    <message>
        <source>new to your team</source>
        <translation>uusi tiimillesi</translation>
    </message>
    <message>
        <source>Code: {code} ({seen})</source>
        <translation>Koodi: {code} ({seen})</translation>
    </message>
    <message>
        <source>&amp;Use this code</source>
        <translation>&amp;Käytä tätä koodia</translation>
    </message>
    <message>
        <source>Did you mean one of these? One answer differs:</source>
        <translation>Tarkoititko jotakin näistä? Yksi vastaus eroaa:</translation>
    </message>
    <message>
        <source>{code} (differs in: {input})</source>
        <translation>{code} (eroaa kohdassa: {input})</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Two people changed the same detail before their computers synced. Prossimo kept both values: choose the right one, or type the correct value. Your decision reaches the team with the next sync.</source>
        <translation>Kaksi henkilöä muutti samaa tietoa ennen kuin heidän tietokoneensa synkronoitiin. Prossimo säilytti molemmat arvot: valitse oikea tai kirjoita oikea arvo. Päätöksesi välittyy tiimille seuraavassa synkronoinnissa.</translation>
    </message>
    <message>
        <source>Choose a record on the left to see what collided.</source>
        <translation>Valitse tieto vasemmalta, niin näet, mitkä arvot ovat ristiriidassa.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect to your organisation</source>
        <translation>Yhteys organisaatioon</translation>
    </message>
    <message>
        <source>Your IT staff give you the service address. Your username and password are the ones for Prossimo at your organisation.</source>
        <translation>Palvelun osoitteen saat IT-tuelta. Käyttäjätunnus ja salasana ovat organisaatiosi Prossimo-tunnukset.</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Palvelun osoite</translation>
    </message>
    <message>
        <source>Certificate authority file (optional)</source>
        <translation>Varmentajan tiedosto (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Sel&amp;aa…</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <source>Service &amp;address:</source>
        <translation>Palvelun &amp;osoite:</translation>
    </message>
    <message>
        <source>&amp;Certificate authority:</source>
        <translation>&amp;Varmentaja:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Käyttäjätunnus:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Sa&amp;lasana:</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>Varmentajan tiedosto</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Varmenteet (*.pem *.crt);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>tiedostoa ei löydy</translation>
    </message>
    <message>
        <source>required</source>
        <translation>pakollinen</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Yhdistetään…</translation>
    </message>
    <message>
        <source>This computer is now connected.</source>
        <translation>Tämä tietokone on nyt yhdistetty.</translation>
    </message>
    <message>
        <source>the username or the password is not right</source>
        <translation>käyttäjätunnus tai salasana on väärin</translation>
    </message>
    <message>
        <source>too many attempts; wait {s} seconds</source>
        <translation>liian monta yritystä; odota {s} sekuntia</translation>
    </message>
    <message>
        <source>there is no server with this name: check the address (is it typed right?) and that this computer is online</source>
        <translation>tämännimistä palvelinta ei ole: tarkista osoite (onko se kirjoitettu oikein?) ja että tietokone on verkossa</translation>
    </message>
    <message>
        <source>nothing answers at this address: check the address and the port; if they are right, ask IT whether the service is running</source>
        <translation>tästä osoitteesta ei vastaa mikään: tarkista osoite ja portti; jos ne ovat oikein, kysy IT-tuelta, onko palvelu käynnissä</translation>
    </message>
    <message>
        <source>this address answers, but it is not a Prossimo service: check the address</source>
        <translation>osoitteesta vastataan, mutta se ei ole Prossimo-palvelu: tarkista osoite</translation>
    </message>
    <message>
        <source>the service cannot be reached ({reason}); check the address and the connection, or go back and choose offline only</source>
        <translation>palveluun ei saada yhteyttä ({reason}); tarkista osoite ja verkkoyhteys tai palaa takaisin ja valitse käyttö vain tällä tietokoneella</translation>
    </message>
    <message>
        <source>the service cannot be reached ({reason}); check the address and the connection</source>
        <translation>palveluun ei saada yhteyttä ({reason}); tarkista osoite ja verkkoyhteys</translation>
    </message>
</context>
<context>
    <name>ConsentBadge</name>
    <message>
        <source>expires in 1 day</source>
        <translation>vanhenee 1 päivän kuluttua</translation>
    </message>
    <message>
        <source>expires in {days} days</source>
        <translation>vanhenee {days} päivän kuluttua</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>peruttu</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>vanhentunut</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>ei vielä voimassa</translation>
    </message>
    <message>
        <source>active</source>
        <translation>voimassa</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Add a consent</source>
        <translation>Lisää suostumus</translation>
    </message>
    <message>
        <source>Separate recipients with commas</source>
        <translation>Erottele vastaanottajat pilkuilla</translation>
    </message>
    <message>
        <source>E&amp;xpires</source>
        <translation>Va&amp;nhenee</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>Tar&amp;koitus:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Antotapa:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Laajuus:</translation>
    </message>
    <message>
        <source>&amp;Recipients:</source>
        <translation>&amp;Vastaanottajat:</translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation>Annettu &amp;päivänä:</translation>
    </message>
    <message>
        <source>Valid &amp;until:</source>
        <translation>Voimassa &amp;saakka:</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Voimassa saakka</translation>
    </message>
    <message>
        <source>The consent expires</source>
        <translation>Suostumus vanhenee</translation>
    </message>
</context>
<context>
    <name>ContactDetail</name>
    <message>
        <source>← &amp;Back to list</source>
        <translation>← &amp;Takaisin luetteloon</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Takaisin luetteloon</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Muokkaa</translation>
    </message>
    <message>
        <source>Re&amp;fer…</source>
        <translation>&amp;Ohjaa palveluun…</translation>
    </message>
    <message>
        <source>Book &amp;appointment…</source>
        <translation>&amp;Varaa tapaaminen…</translation>
    </message>
    <message>
        <source>&amp;Delete contact…</source>
        <translation>&amp;Poista asiakas…</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Suostumukset</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Suhteet</translation>
    </message>
    <message>
        <source>Notes and appointments</source>
        <translation>Kirjaukset ja tapaamiset</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Ohjaukset</translation>
    </message>
    <message>
        <source>Add &amp;consent…</source>
        <translation>Lisää &amp;suostumus…</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent…</source>
        <translation>P&amp;eru suostumus…</translation>
    </message>
    <message>
        <source>Add &amp;relationship…</source>
        <translation>Lisää s&amp;uhde…</translation>
    </message>
    <message>
        <source>&amp;Open related contact</source>
        <translation>&amp;Avaa liittyvä asiakas</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Lisää &amp;kirjaus…</translation>
    </message>
    <message>
        <source>Correc&amp;t selected note…</source>
        <translation>Ko&amp;rjaa valittu kirjaus…</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Henkilötiedot</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Yhteystiedot</translation>
    </message>
    <message>
        <source>Notes and appointments (newest first)</source>
        <translation>Kirjaukset ja tapaamiset (uusin ensin)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Ladataan…</translation>
    </message>
    <message>
        <source>This contact no longer exists</source>
        <translation>Tätä asiakasta ei enää ole</translation>
    </message>
    <message>
        <source>This contact could not be shown</source>
        <translation>Asiakasta ei voitu näyttää</translation>
    </message>
    <message>
        <source>{alias} (alias)</source>
        <translation>{alias} (nimimerkki)</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Etunimi</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Sukunimi</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Nimimerkki</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tyyppi</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Syntymävuosi</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tiimi</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tunnisteet</translation>
    </message>
    <message>
        <source>{resource} · {status}</source>
        <translation>{resource} · {status}</translation>
    </message>
    <message>
        <source>(unknown service)</source>
        <translation>(tuntematon palvelu)</translation>
    </message>
    <message>
        <source>No referrals yet.</source>
        <translation>Ei vielä ohjauksia.</translation>
    </message>
    <message>
        <source>given {date}</source>
        <translation>annettu {date}</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>voimassa {date} asti</translation>
    </message>
    <message>
        <source>{badge} — {details}</source>
        <translation>{badge} — {details}</translation>
    </message>
    <message>
        <source>No consent recorded.</source>
        <translation>Suostumuksia ei ole kirjattu.</translation>
    </message>
    <message>
        <source>{kind} of {name}</source>
        <translation>{kind} (suhteessa asiakkaaseen {name})</translation>
    </message>
    <message>
        <source>{name} — {kind}</source>
        <translation>{name} — {kind}</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open this contact</source>
        <translation>Avaa asiakas painamalla Enter tai kaksoisnapsauttamalla</translation>
    </message>
    <message>
        <source>No relationships recorded.</source>
        <translation>Suhteita ei ole kirjattu.</translation>
    </message>
    <message>
        <source>No notes or appointments yet.</source>
        <translation>Ei vielä kirjauksia tai tapaamisia.</translation>
    </message>
    <message>
        <source>{date} · Note · {kind}</source>
        <translation>{date} · Kirjaus · {kind}</translation>
    </message>
    <message>
        <source>correction of an earlier note</source>
        <translation>korjaus aiempaan kirjaukseen</translation>
    </message>
    <message>
        <source>corrected by a later note</source>
        <translation>korjattu myöhemmällä kirjauksella</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Tapaaminen</translation>
    </message>
    <message>
        <source>Written {date} by you</source>
        <translation>Sinä kirjoitit {date}</translation>
    </message>
    <message>
        <source>Written {date} by {name}</source>
        <translation>{name} kirjoitti {date}</translation>
    </message>
    <message>
        <source>Written {date} by a colleague</source>
        <translation>Työkaveri kirjoitti {date}</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Peru suostumus</translation>
    </message>
    <message>
        <source>Record that this consent was withdrawn now? It stays on record as withdrawn.</source>
        <translation>Kirjataanko, että suostumus peruttiin nyt? Se säilyy tiedoissa peruttuna.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Peru</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Poista asiakas</translation>
    </message>
    <message>
        <source>Delete this contact? They disappear from every list on this computer; the deletion is final once the service has confirmed it.</source>
        <translation>Poistetaanko asiakas? Hän katoaa kaikista luetteloista tällä tietokoneella; poisto on lopullinen, kun palvelu on vahvistanut sen.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Poista</translation>
    </message>
    <message>
        <source>the record no longer exists</source>
        <translation>tietoa ei enää ole</translation>
    </message>
    <message>
        <source>That did not work: {reason}</source>
        <translation>Toiminto ei onnistunut: {reason}</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>Toiminto ei onnistunut. Yritä uudelleen.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Edit contact</source>
        <translation>Muokkaa asiakasta</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Uusi asiakas</translation>
    </message>
    <message>
        <source>e.g. 1984</source>
        <translation>esim. 1984</translation>
    </message>
    <message>
        <source>e.g. it, fi, en-GB</source>
        <translation>esim. it, fi, en-GB</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Ei tiimiä</translation>
    </message>
    <message>
        <source>Separate tags with commas</source>
        <translation>Erottele tunnisteet pilkuilla</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;yyppi:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>&amp;Etunimi:</translation>
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation>&amp;Sukunimi:</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Nimimerkki:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>Syntymä&amp;vuosi:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Kieli:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Puhelin:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Sä&amp;hköposti:</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>&amp;Osoite:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Tallenna</translation>
    </message>
    <message>
        <source>M&amp;unicipality:</source>
        <translation>Kunt&amp;a:</translation>
    </message>
    <message>
        <source>Tea&amp;m:</source>
        <translation>T&amp;iimi:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>T&amp;unnisteet:</translation>
    </message>
    <message>
        <source>Another team</source>
        <translation>Toinen tiimi</translation>
    </message>
    <message>
        <source>This contact was deleted meanwhile.</source>
        <translation>Asiakas on poistettu sillä välin.</translation>
    </message>
    <message>
        <source>The contact could not be saved. Please try again.</source>
        <translation>Asiakasta ei voitu tallentaa. Yritä uudelleen.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tiimi</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tunnisteet</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Ladataan…</translation>
    </message>
    <message>
        <source>Pseudonymous contact: known by an alias only</source>
        <translation>Asiakas nimimerkillä: tunnetaan vain nimimerkillä</translation>
    </message>
    <message>
        <source>{alias} (alias)</source>
        <translation>{alias} (nimimerkki)</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Choose a contact</source>
        <translation>Valitse asiakas</translation>
    </message>
    <message>
        <source>Type a name, alias, municipality or phone</source>
        <translation>Kirjoita nimi, nimimerkki, kunta tai puhelinnumero</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Hae asiakkaita</translation>
    </message>
    <message>
        <source>Matching contacts</source>
        <translation>Löytyneet asiakkaat</translation>
    </message>
    <message>
        <source>Start typing to search.</source>
        <translation>Aloita haku kirjoittamalla.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Hae:</translation>
    </message>
    <message>
        <source>No contact matches.</source>
        <translation>Asiakkaita ei löytynyt.</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Type a name, alias, municipality, phone or tag</source>
        <translation>Kirjoita nimi, nimimerkki, kunta, puhelinnumero tai tunniste</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Hae asiakkaita</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Hae:</translation>
    </message>
    <message>
        <source>&amp;New contact…</source>
        <translation>&amp;Uusi asiakas…</translation>
    </message>
    <message>
        <source>Filter by team</source>
        <translation>Suodata tiimin mukaan</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Kaikki tiimit</translation>
    </message>
    <message>
        <source>Filter by municipality</source>
        <translation>Suodata kunnan mukaan</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Kaikki kunnat</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Suodata tunnisteen mukaan</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Kaikki tunnisteet</translation>
    </message>
    <message>
        <source>Loading contacts…</source>
        <translation>Ladataan asiakkaita…</translation>
    </message>
    <message>
        <source>List status</source>
        <translation>Luettelon tila</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Asiakkaat</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Tiimi:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Kunta:</translation>
    </message>
    <message>
        <source>Ta&amp;g:</source>
        <translation>Tu&amp;nniste:</translation>
    </message>
    <message>
        <source>Go to the search</source>
        <translation>Siirry hakuun</translation>
    </message>
    <message>
        <source>The search index is being built: some contacts are not found yet.</source>
        <translation>Hakuhakemistoa rakennetaan: kaikkia yhteystietoja ei vielä löydy.</translation>
    </message>
    <message>
        <source>Showing the first {count} matches; type more to narrow the search.</source>
        <translation>Näytetään {count} ensimmäistä osumaa; tarkenna hakua kirjoittamalla lisää.</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 osuma</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>{count} osumaa</translation>
    </message>
    <message>
        <source>1 contact matches the filters</source>
        <translation>1 asiakas vastaa suodattimia</translation>
    </message>
    <message>
        <source>{count} contacts match the filters</source>
        <translation>{count} asiakasta vastaa suodattimia</translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 asiakas</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} asiakasta</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Demo passphrase: {passphrase}</source>
        <translation>Esittelyn tunnuslause: {passphrase}</translation>
    </message>
</context>
<context>
    <name>DirectoryFiles</name>
    <message>
        <source>HSDS JSON file (*.json)</source>
        <translation>HSDS JSON -tiedosto (*.json)</translation>
    </message>
    <message>
        <source>HSDS data package: a new folder of CSV files (*)</source>
        <translation>HSDS-datapaketti: uusi kansio CSV-tiedostoja (*)</translation>
    </message>
    <message>
        <source>Im&amp;port directory…</source>
        <translation>Tuo hake&amp;misto…</translation>
    </message>
    <message>
        <source>Import a directory file</source>
        <translation>Tuo palveluhakemiston tiedosto</translation>
    </message>
    <message>
        <source>Add or update services from an HSDS file (JSON or a data package)</source>
        <translation>Lisää tai päivitä palveluja HSDS-tiedostosta (JSON tai datapaketti)</translation>
    </message>
    <message>
        <source>E&amp;xport directory…</source>
        <translation>V&amp;ie hakemisto…</translation>
    </message>
    <message>
        <source>Export the directory to a file</source>
        <translation>Vie palveluhakemisto tiedostoon</translation>
    </message>
    <message>
        <source>Save every service as an HSDS file (JSON or a data package)</source>
        <translation>Tallenna kaikki palvelut HSDS-tiedostoon (JSON tai datapaketti)</translation>
    </message>
    <message>
        <source>Export the directory</source>
        <translation>Vie palveluhakemisto</translation>
    </message>
    <message>
        <source>Directory exported</source>
        <translation>Hakemisto viety</translation>
    </message>
    <message>
        <source>Saved {services} services at {places} places in {path}.</source>
        <translation>Tallennettu {services} palvelua {places} toimipisteessä kohteeseen {path}.</translation>
    </message>
    <message>
        <source>The directory was not exported.</source>
        <translation>Hakemistoa ei viety.</translation>
    </message>
    <message>
        <source>Directory not imported</source>
        <translation>Hakemistoa ei tuotu</translation>
    </message>
    <message>
        <source>Import a directory</source>
        <translation>Tuo palveluhakemisto</translation>
    </message>
    <message>
        <source>HSDS files: a .json file, or a package&apos;s {descriptor} (*.json)</source>
        <translation>HSDS-tiedostot: .json-tiedosto tai paketin {descriptor} (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>1 row of the file went into no service: the details say why.</source>
        <translation>Tiedoston 1 rivi ei päätynyt mihinkään palveluun: syy näkyy lisätiedoissa.</translation>
    </message>
    <message>
        <source>{count} rows of the file went into no service: the details say why.</source>
        <translation>Tiedoston {count} riviä ei päätynyt mihinkään palveluun: syyt näkyvät lisätiedoissa.</translation>
    </message>
    <message>
        <source>The file holds data the directory does not keep: the details list it.</source>
        <translation>Tiedostossa on tietoja, joita hakemisto ei säilytä: ne luetellaan lisätiedoissa.</translation>
    </message>
    <message>
        <source>Directory imported</source>
        <translation>Hakemisto tuotu</translation>
    </message>
    <message>
        <source>Imported {entries} services from {name}: {created} new, {updated} updated, {unchanged} already up to date.</source>
        <translation>Tuotu {entries} palvelua tiedostosta {name}: {created} uutta, {updated} päivitetty, {unchanged} jo ajan tasalla.</translation>
    </message>
    <message>
        <source>The directory was not imported. Nothing was changed.</source>
        <translation>Hakemistoa ei tuotu. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>This profile is connected to your organisation&apos;s service, which keeps the directory: it arrives here by sync. Ask IT to import the file on the service.</source>
        <translation>Tämä profiili on yhdistetty organisaatiosi palveluun, joka ylläpitää hakemistoa: se tulee tänne synkronoinnissa. Pyydä IT-tukea tuomaan tiedosto palveluun.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}).</source>
        <translation>Tapahtui odottamaton virhe ({error}).</translation>
    </message>
    <message>
        <source>Directory files</source>
        <translation>Hakemiston tiedostot</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>Valmis</translation>
    </message>
    <message>
        <source>Prossimo is ready. It locks itself after some minutes without activity; your passphrase opens it again.</source>
        <translation>Prossimo on valmis. Se lukittuu itsestään, kun sitä ei ole käytetty muutamaan minuuttiin; tunnuslauseella sen saa taas auki.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export appointments</source>
        <translation>Vie tapaamiset</translation>
    </message>
    <message>
        <source>The &amp;period shown: {period}</source>
        <translation>Näytetty &amp;jakso: {period}</translation>
    </message>
    <message>
        <source>&amp;These dates:</source>
        <translation>Nämä &amp;päivät:</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Ensimmäinen päivä</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Viimeinen päivä</translation>
    </message>
    <message>
        <source>to</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Whose appointments</source>
        <translation>Kenen tapaamiset</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Omat</translation>
    </message>
    <message>
        <source>My team: {name}</source>
        <translation>Oma tiimi: {name}</translation>
    </message>
    <message>
        <source>Everyone&apos;s on this computer</source>
        <translation>Kaikki tällä tietokoneella olevat</translation>
    </message>
    <message>
        <source>&amp;Whose:</source>
        <translation>&amp;Kenen:</translation>
    </message>
    <message>
        <source>Include clients&apos; &amp;names</source>
        <translation>Sisällytä asiakkaiden &amp;nimet</translation>
    </message>
    <message>
        <source>Include clients&apos; names in the file</source>
        <translation>Sisällytä asiakkaiden nimet tiedostoon</translation>
    </message>
    <message>
        <source>Off by default: anyone who gets the file, or sees the calendar it is imported into, could read who the appointments are with. With names, home visit addresses are included too.</source>
        <translation>Oletuksena pois päältä: kuka tahansa, joka saa tiedoston tai näkee kalenterin, johon se tuodaan, voisi lukea, keiden kanssa tapaamiset ovat. Nimien kanssa mukaan tulevat myös kotikäyntien osoitteet.</translation>
    </message>
    <message>
        <source>File to save</source>
        <translation>Tallennettava tiedosto</translation>
    </message>
    <message>
        <source>appointments.ics</source>
        <translation>tapaamiset.ics</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Selaa…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Tiedosto:</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>&amp;Vie</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Jakso:</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>Yksityisyys:</translation>
    </message>
    <message>
        <source>Save appointments as</source>
        <translation>Tallenna tapaamiset nimellä</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenteritiedostot (*.ics)</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Tapaaminen</translation>
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
        <translation>Tiedot ovat Prossimossa.</translation>
    </message>
    <message>
        <source>With: {names}</source>
        <translation>Osallistujat: {names}</translation>
    </message>
    <message>
        <source>Appointment reminder</source>
        <translation>Muistutus tapaamisesta</translation>
    </message>
    <message>
        <source>The last day must not be before the first.</source>
        <translation>Viimeinen päivä ei voi olla ennen ensimmäistä.</translation>
    </message>
    <message>
        <source>Type or choose where to save the file.</source>
        <translation>Kirjoita tai valitse, minne tiedosto tallennetaan.</translation>
    </message>
    <message>
        <source>There are no appointments to export in this period: no file was written.</source>
        <translation>Tällä jaksolla ei ole vietäviä tapaamisia: tiedostoa ei kirjoitettu.</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Tiedostoa ei voitu kirjoittaa: {reason}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up Prossimo</source>
        <translation>Prossimon käyttöönotto</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Discard changes?</source>
        <translation>Hylätäänkö muutokset?</translation>
    </message>
    <message>
        <source>What you typed in this window has not been saved. Discard it?</source>
        <translation>Tähän ikkunaan kirjoittamaasi ei ole tallennettu. Hylätäänkö se?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Hylkää</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Jatka muokkausta</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>Useful services</source>
        <translation>Hyödyllisiä palveluja</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Aukioloajat</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Sulkupäivät ja muut aukioloajat</translation>
    </message>
    <message>
        <source>Languages spoken</source>
        <translation>Palvelukielet</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Suljettu</translation>
    </message>
    <message>
        <source>Not known: ask before going</source>
        <translation>Ei tiedossa: kysy ennen kuin menet</translation>
    </message>
    <message>
        <source>Not verified recently: call before going</source>
        <translation>Tietoja ei ole tarkistettu hiljattain: soita ennen kuin menet</translation>
    </message>
    <message>
        <source>Temporarily closed: call before going</source>
        <translation>Tilapäisesti suljettu: soita ennen kuin menet</translation>
    </message>
    <message>
        <source>Printed on {date}</source>
        <translation>Tulostettu {date}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Sivu {page}/{pages}</translation>
    </message>
    <message>
        <source>Scan to call</source>
        <translation>Skannaa ja soita</translation>
    </message>
    <message>
        <source>Scan to send a text message</source>
        <translation>Skannaa ja lähetä tekstiviesti</translation>
    </message>
    <message>
        <source>Scan for the address</source>
        <translation>Skannaa osoite</translation>
    </message>
    <message>
        <source>text messages</source>
        <translation>tekstiviestit</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>faksi</translation>
    </message>
    <message>
        <source>helpline</source>
        <translation>auttava puhelin</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <source>Print a handout</source>
        <translation>Tulosta palvelulista</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) chosen</source>
        <translation>
            <numerusform>%n palvelu valittu</numerusform>
            <numerusform>%n palvelua valittu</numerusform>
        </translation>
    </message>
    <message>
        <source>Services on the handout</source>
        <translation>Palvelulistan palvelut</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Palvelulistan kieli</translation>
    </message>
    <message>
        <source>La&amp;rge print</source>
        <translation>&amp;Suuri teksti</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Suuri teksti</translation>
    </message>
    <message>
        <source>Handout &amp;language:</source>
        <translation>Palvelulistan &amp;kieli:</translation>
    </message>
    <message>
        <source>The handout lists services only: no names or personal details are printed.</source>
        <translation>Listassa on vain palveluja: nimiä tai henkilötietoja ei tulosteta.</translation>
    </message>
    <message>
        <source>Preview of the first page</source>
        <translation>Ensimmäisen sivun esikatselu</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Tallenna PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>T&amp;ulosta…</translation>
    </message>
    <message>
        <source>Choose at least one service to print.</source>
        <translation>Valitse vähintään yksi tulostettava palvelu.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n sivu</numerusform>
            <numerusform>%n sivua</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the handout as PDF</source>
        <translation>Tallenna palvelulista PDF-tiedostona</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-tiedostot (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation>Tiedostoa {file} ei voitu tallentaa: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Saved {file} (%n page(s)).</source>
        <translation>
            <numerusform>Tallennettu {file} (%n sivu).</numerusform>
            <numerusform>Tallennettu {file} (%n sivua).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not print: {reason}</source>
        <translation>Tulostus ei onnistunut: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Sent to the printer (%n page(s)).</source>
        <translation>
            <numerusform>Lähetetty tulostimelle (%n sivu).</numerusform>
            <numerusform>Lähetetty tulostimelle (%n sivua).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import appointments</source>
        <translation>Tuo tapaamiset</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Tuotava tiedosto</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Selaa…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Tiedosto:</translation>
    </message>
    <message>
        <source>Appointments exported from Prossimo are updated. Events made by other calendar programs do not say which client they are with: choose the contact to add them to, or they are skipped.</source>
        <translation>Prossimosta viedyt tapaamiset päivitetään. Muiden kalenteriohjelmien tapahtumista ei käy ilmi, kenen asiakkaan kanssa ne ovat: valitse asiakas, jolle ne lisätään, tai ne ohitetaan.</translation>
    </message>
    <message>
        <source>Events from other calendar programs</source>
        <translation>Muiden kalenteriohjelmien tapahtumat</translation>
    </message>
    <message>
        <source>No contact chosen: these events will be skipped.</source>
        <translation>Asiakasta ei ole valittu: nämä tapahtumat ohitetaan.</translation>
    </message>
    <message>
        <source>Choose &amp;contact…</source>
        <translation>Valitse &amp;asiakas…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>T&amp;yhjennä</translation>
    </message>
    <message>
        <source>Clear the chosen contact</source>
        <translation>Tyhjennä valittu asiakas</translation>
    </message>
    <message>
        <source>Kind of place for these events</source>
        <translation>Tapaamispaikan tyyppi näille tapahtumille</translation>
    </message>
    <message>
        <source>Kind of &amp;place:</source>
        <translation>&amp;Paikan tyyppi:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Asiakas:</translation>
    </message>
    <message>
        <source>Import result</source>
        <translation>Tuonnin tulos</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>T&amp;uo</translation>
    </message>
    <message>
        <source>Import appointments from</source>
        <translation>Tuo tapaamiset tiedostosta</translation>
    </message>
    <message>
        <source>Calendar files (*.ics *.ical *.ifb *.icalendar)</source>
        <translation>Kalenteritiedostot (*.ics *.ical *.ifb *.icalendar)</translation>
    </message>
    <message>
        <source>Type or choose the file to import.</source>
        <translation>Kirjoita tai valitse tuotava tiedosto.</translation>
    </message>
    <message>
        <source>The file holds no events: nothing was imported.</source>
        <translation>Tiedostossa ei ole tapahtumia: mitään ei tuotu.</translation>
    </message>
    <message>
        <source>{created} new, {updated} updated, {unchanged} already up to date.</source>
        <translation>{created} uutta, {updated} päivitetty, {unchanged} jo ajan tasalla.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) from other calendar programs skipped: choose the contact they are with to import them.</source>
        <translation>
            <numerusform>%n toisen kalenteriohjelman tapahtuma ohitettiin: valitse asiakas, jota se koskee, niin voit tuoda sen.</numerusform>
            <numerusform>%n muiden kalenteriohjelmien tapahtumaa ohitettiin: valitse asiakas, jota ne koskevat, niin voit tuoda ne.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment was deleted on this computer.</source>
        <translation>
            <numerusform>%n tapahtuma ohitettiin: tapaaminen on poistettu tältä tietokoneelta.</numerusform>
            <numerusform>%n tapahtumaa ohitettiin: tapaamiset on poistettu tältä tietokoneelta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) skipped: the appointment is not on this computer (it may not have synchronised yet).</source>
        <translation>
            <numerusform>%n tapahtuma ohitettiin: tapaaminen ei ole tällä tietokoneella (se ei ehkä ole vielä synkronoitunut).</numerusform>
            <numerusform>%n tapahtumaa ohitettiin: tapaamiset eivät ole tällä tietokoneella (ne eivät ehkä ole vielä synkronoituneet).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported. The file has these problems:</source>
        <translation>Mitään ei tuotu. Tiedostossa on nämä ongelmat:</translation>
    </message>
    <message>
        <source>…and {n} more.</source>
        <translation>…ja {n} muuta.</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>Tiedostoa ei voitu lukea: {reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>Mitään ei tuotu: {reason}</translation>
    </message>
</context>
<context>
    <name>IntakeAcceptDialog</name>
    <message>
        <source>Accept a help desk request</source>
        <translation>Hyväksy yhteydenottopyyntö</translation>
    </message>
    <message>
        <source>{kind} from {alias}, received {when}.</source>
        <translation>{kind}: {alias}, saapunut {when}.</translation>
    </message>
    <message>
        <source>Create a &amp;new contact (alias only)</source>
        <translation>Luo &amp;uusi asiakas (vain nimimerkki)</translation>
    </message>
    <message>
        <source>&amp;Match someone already known</source>
        <translation>Yh&amp;distä jo tunnettuun asiakkaaseen</translation>
    </message>
    <message>
        <source>Choose &amp;contact…</source>
        <translation>Valitse &amp;asiakas…</translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation>Ketään ei ole vielä valittu.</translation>
    </message>
    <message>
        <source>Matched contact</source>
        <translation>Yhdistetty asiakas</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Uusi asiakas</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Nimimerkki</translation>
    </message>
    <message>
        <source>Preferred language (code such as it, fi, en)</source>
        <translation>Toivottu kieli (koodi, esim. it, fi, en)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tiimi</translation>
    </message>
    <message>
        <source>The team the request was sent to</source>
        <translation>Tiimi, jolle pyyntö lähetettiin</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Ei tiimiä</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Kieli</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Puhelin</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Sähköposti</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Tiimi</translation>
    </message>
    <message>
        <source>Appointment date</source>
        <translation>Tapaamisen päivä</translation>
    </message>
    <message>
        <source>Appointment time</source>
        <translation>Tapaamisen kellonaika</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Kesto minuutteina</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Missä</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>They prefer</source>
        <translation>Toivoo</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>Päi&amp;vä</translation>
    </message>
    <message>
        <source>T&amp;ime</source>
        <translation>Ke&amp;llonaika</translation>
    </message>
    <message>
        <source>Len&amp;gth</source>
        <translation>Kest&amp;o</translation>
    </message>
    <message>
        <source>W&amp;here</source>
        <translation>&amp;Missä</translation>
    </message>
    <message>
        <source>T&amp;opic</source>
        <translation>Ai&amp;he</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <source>&amp;Accept request</source>
        <translation>H&amp;yväksy pyyntö</translation>
    </message>
    <message>
        <source>Alia&amp;s</source>
        <translation>&amp;Nimimerkki</translation>
    </message>
    <message>
        <source>P&amp;ropose an appointment</source>
        <translation>&amp;Ehdota tapaamista</translation>
    </message>
    <message>
        <source>choose the contact this request is from</source>
        <translation>valitse asiakas, jolta pyyntö tuli</translation>
    </message>
</context>
<context>
    <name>IntakeDeclineDialog</name>
    <message>
        <source>Decline a help desk request</source>
        <translation>Hylkää yhteydenottopyyntö</translation>
    </message>
    <message>
        <source>Say why the request from {alias} is declined. Colleagues who open it later will read this.</source>
        <translation>Kerro, miksi pyyntö hylätään (lähettäjä: {alias}). Kollegat, jotka avaavat pyynnön myöhemmin, näkevät tämän.</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Hylkäämisen syy</translation>
    </message>
    <message>
        <source>For example: already in contact with another service</source>
        <translation>Esimerkiksi: asiakkuus jo toisessa palvelussa</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Syy:</translation>
    </message>
    <message>
        <source>&amp;Decline request</source>
        <translation>&amp;Hylkää pyyntö</translation>
    </message>
    <message>
        <source>say why the request is declined</source>
        <translation>kerro, miksi pyyntö hylätään</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>They read this on the help desk&apos;s status page when they enter their reference and check words. The site sends no SMS or email: if they asked to be called or written to, do that yourself.</source>
        <translation>Henkilö lukee tämän verkkoneuvonnan tilasivulta antamalla viitekoodinsa ja tarkistussanansa. Sivusto ei lähetä tekstiviestejä eikä sähköpostia: jos hän pyysi soittoa tai viestiä, hoida se itse.</translation>
    </message>
    <message>
        <source>Help desk requests</source>
        <translation>Yhteydenottopyynnöt</translation>
    </message>
    <message>
        <source>Requests shown</source>
        <translation>Näytettävät pyynnöt</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Uudet</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Näytä:</translation>
    </message>
    <message>
        <source>&amp;Open the contact</source>
        <translation>Avaa as&amp;iakas</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Pyynnöt</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Saapunut</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Pyyntö</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Nimimerkki</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation>Yhteystapa</translation>
    </message>
    <message>
        <source>Preferred times</source>
        <translation>Toivotut ajat</translation>
    </message>
    <message>
        <source>May say who it is from</source>
        <translation>Saa kertoa, keneltä viesti on</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>Agrees to be contacted</source>
        <translation>Suostuu yhteydenottoon</translation>
    </message>
    <message>
        <source>Reference code</source>
        <translation>Viitekoodi</translation>
    </message>
    <message>
        <source>Time chosen</source>
        <translation>Valittu aika</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Aika nyt</translation>
    </message>
    <message>
        <source>Reason declined</source>
        <translation>Hylkäämisen syy</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>&amp;Hyväksy…</translation>
    </message>
    <message>
        <source>Make this request a contact, with a proposed appointment if wanted</source>
        <translation>Tee pyynnöstä asiakas ja ehdota halutessasi tapaamista</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>H&amp;ylkää…</translation>
    </message>
    <message>
        <source>Con&amp;firm booking…</source>
        <translation>&amp;Vahvista varaus…</translation>
    </message>
    <message>
        <source>Book the chosen time for them; their status page shows it</source>
        <translation>Varaa valittu aika; hänen tilasivunsa näyttää sen</translation>
    </message>
    <message>
        <source>Open &amp;contact</source>
        <translation>Avaa &amp;asiakas</translation>
    </message>
    <message>
        <source>Message to the person</source>
        <translation>Viesti henkilölle</translation>
    </message>
    <message>
        <source>Sa&amp;ve message</source>
        <translation>&amp;Tallenna viesti</translation>
    </message>
    <message>
        <source>New ({count})</source>
        <translation>Uudet ({count})</translation>
    </message>
    <message>
        <source>All ({count})</source>
        <translation>Kaikki ({count})</translation>
    </message>
    <message>
        <source>No new requests. Choose All to see the ones already handled.</source>
        <translation>Ei uusia pyyntöjä. Valitse Kaikki, niin näet myös jo käsitellyt.</translation>
    </message>
    <message>
        <source>No requests have arrived from the help desk yet.</source>
        <translation>Yhteydenottopyyntöjä ei ole vielä tullut.</translation>
    </message>
    <message>
        <source>Do not contact: they will get in touch themselves</source>
        <translation>Älä ota yhteyttä: hän ottaa itse yhteyttä</translation>
    </message>
    <message>
        <source>{channel}: {detail}</source>
        <translation>{channel}: {detail}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Kyllä</translation>
    </message>
    <message>
        <source>No: do not name the service</source>
        <translation>Ei: älä mainitse palvelua</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Ei</translation>
    </message>
    <message>
        <source>Confirm or decline the booking first</source>
        <translation>Vahvista tai hylkää varaus ensin</translation>
    </message>
    <message>
        <source>Not on this device yet: it arrives with the next sync</source>
        <translation>Ei vielä tällä laitteella: tulee seuraavassa synkronoinnissa</translation>
    </message>
    <message>
        <source>Removed from the calendar</source>
        <translation>Poistettu kalenterista</translation>
    </message>
    <message>
        <source>Booked by another request</source>
        <translation>Varattu toiselle pyynnölle</translation>
    </message>
    <message>
        <source>Held for this request until you confirm or decline it</source>
        <translation>Pidetty tälle pyynnölle, kunnes vahvistat tai hylkäät sen</translation>
    </message>
    <message>
        <source>Booked for this request</source>
        <translation>Varattu tälle pyynnölle</translation>
    </message>
    <message>
        <source>Free again at the help desk</source>
        <translation>Taas vapaana verkkoneuvonnassa</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Ei vielä tallennettu.</translation>
    </message>
    <message>
        <source>Saved: they can read it on the status page.</source>
        <translation>Tallennettu: henkilö voi lukea sen tilasivulta.</translation>
    </message>
    <message>
        <source>No message yet.</source>
        <translation>Ei vielä viestiä.</translation>
    </message>
    <message>
        <source>Booking confirmed: their status page now shows the time and place.</source>
        <translation>Varaus vahvistettu: hänen tilasivunsa näyttää nyt ajan ja paikan.</translation>
    </message>
    <message>
        <source>Booking declined: the slot is free again and their status page shows your message.</source>
        <translation>Varaus hylätty: aika on taas vapaana, ja hänen tilasivunsa näyttää viestisi.</translation>
    </message>
    <message>
        <source>Request accepted: a new contact was created.</source>
        <translation>Pyyntö hyväksytty: uusi asiakas luotiin.</translation>
    </message>
    <message>
        <source>Request accepted and linked to the contact you chose.</source>
        <translation>Pyyntö hyväksytty ja liitetty valitsemaasi asiakkaaseen.</translation>
    </message>
    <message>
        <source>A proposed appointment is in the calendar, waiting for their confirmation.</source>
        <translation>Ehdotettu tapaaminen on kalenterissa ja odottaa vahvistusta.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Person</source>
        <translation>Henkilö</translation>
    </message>
    <message>
        <source>Pseudonymous (alias only)</source>
        <translation>Nimimerkillä (vain alias)</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>Perheenjäsen</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Vanhempi</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Lapsi</translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation>Sisarus</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Kumppani</translation>
    </message>
    <message>
        <source>Caregiver</source>
        <translation>Omaishoitaja</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Huoltaja tai edunvalvoja</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>Ystävä</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Muu</translation>
    </message>
    <message>
        <source>Case management</source>
        <translation>Palveluohjaus</translation>
    </message>
    <message>
        <source>Referral to services</source>
        <translation>Ohjaus palveluihin</translation>
    </message>
    <message>
        <source>Information sharing</source>
        <translation>Tietojen luovutus</translation>
    </message>
    <message>
        <source>Being contacted</source>
        <translation>Yhteydenotot</translation>
    </message>
    <message>
        <source>Research</source>
        <translation>Tutkimus</translation>
    </message>
    <message>
        <source>Verbal</source>
        <translation>Suullinen</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Kirjallinen</translation>
    </message>
    <message>
        <source>Digital</source>
        <translation>Sähköinen</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Toimisto</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>Kotikäynti</translation>
    </message>
    <message>
        <source>Street outreach</source>
        <translation>Etsivä työ</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Puhelu</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>Videopuhelu</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Pyydetty</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Vahvistettu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Toteutunut</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Ei saapunut</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Peruttu</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Puhelut</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>Tekstiviestit</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>Faksi</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Neuvontapuhelin</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Havainto</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Tapaaminen</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Luonnos</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Lähetetty</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Hyväksytty</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Hylätty</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Valmis</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Toiminnassa</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Ei toiminnassa</translation>
    </message>
    <message>
        <source>Closed for good</source>
        <translation>Lopettanut</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>Tilapäisesti suljettu</translation>
    </message>
    <message>
        <source>First contact</source>
        <translation>Ensimmäinen yhteydenotto</translation>
    </message>
    <message>
        <source>Appointment request</source>
        <translation>Ajanvarauspyyntö</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Text message (SMS)</source>
        <translation>Tekstiviesti</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ei yhteydenottoa</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Uusi</translation>
    </message>
    <message>
        <source>Became a contact</source>
        <translation>Muutettu asiakkaaksi</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Paikan päällä</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Puhelimessa</translation>
    </message>
    <message>
        <source>By video</source>
        <translation>Videolla</translation>
    </message>
    <message>
        <source>Open for booking</source>
        <translation>Varattavissa</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Ei enää tarjolla</translation>
    </message>
    <message>
        <source>Held by a request, waiting for your answer</source>
        <translation>Pyynnön pitämä, odottaa vastaustasi</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Varattu</translation>
    </message>
    <message>
        <source>On foot in the street</source>
        <translation>Jalan kadulla</translation>
    </message>
    <message>
        <source>Mobile unit</source>
        <translation>Liikkuva yksikkö</translation>
    </message>
    <message>
        <source>Drop-in</source>
        <translation>Matalan kynnyksen piste</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Tapahtuma</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Ei kysytty</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Nainen</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Mies</translation>
    </message>
    <message>
        <source>Another gender</source>
        <translation>Muu sukupuoli</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>Alle 18</translation>
    </message>
    <message>
        <source>18-24</source>
        <translation>18–24</translation>
    </message>
    <message>
        <source>25-34</source>
        <translation>25–34</translation>
    </message>
    <message>
        <source>35-44</source>
        <translation>35–44</translation>
    </message>
    <message>
        <source>45-54</source>
        <translation>45–54</translation>
    </message>
    <message>
        <source>55-64</source>
        <translation>55–64</translation>
    </message>
    <message>
        <source>65 or over</source>
        <translation>65 tai yli</translation>
    </message>
    <message>
        <source>Harm reduction</source>
        <translation>Haittojen vähentäminen</translation>
    </message>
    <message>
        <source>Hygiene</source>
        <translation>Hygienia</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Ruoka</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Tieto</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Vastaanotettu</translation>
    </message>
    <message>
        <source>Moved in from another team</source>
        <translation>Siirretty toiselta tiimiltä</translation>
    </message>
    <message>
        <source>Correction (more)</source>
        <translation>Korjaus (lisää)</translation>
    </message>
    <message>
        <source>Moved to another team</source>
        <translation>Siirretty toiselle tiimille</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vanhentunut</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Hävitetty</translation>
    </message>
    <message>
        <source>Correction (less)</source>
        <translation>Korjaus (vähemmän)</translation>
    </message>
    <message>
        <source>Used sharps returned</source>
        <translation>Palautetut käytetyt neulat</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Maanantai</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Tiistai</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Keskiviikko</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Torstai</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Perjantai</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Lauantai</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sunnuntai</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Italian</source>
        <translation>italia</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>suomi</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>ruotsi</translation>
    </message>
    <message>
        <source>English</source>
        <translation>englanti</translation>
    </message>
    <message>
        <source>French</source>
        <translation>ranska</translation>
    </message>
    <message>
        <source>German</source>
        <translation>saksa</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>espanja</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugali</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>romania</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>puola</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ukraina</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>venäjä</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>albania</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>viro</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>arabia</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>persia</translation>
    </message>
    <message>
        <source>Kurdish</source>
        <translation>kurdi</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>turkki</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>somali</translation>
    </message>
    <message>
        <source>Tigrinya</source>
        <translation>tigrinja</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>amhara</translation>
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
        <translation>pandžabi</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>bengali</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>kiina</translation>
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
        <translation>pohjoissaame</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Asiakkaat</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalenteri</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Palvelut</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Yhteydenotot</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronointi</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Raportit</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <source>Street outreach</source>
        <translation>Katutyö</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Näkymät</translation>
    </message>
    <message>
        <source>Go to {screen}</source>
        <translation>Siirry: {screen}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Synkronoinnin tila</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lukitse</translation>
    </message>
    <message>
        <source>Lock Prossimo now (Ctrl+L)</source>
        <translation>Lukitse Prossimo nyt (Ctrl+L)</translation>
    </message>
    <message>
        <source>Lock Prossimo</source>
        <translation>Lukitse Prossimo</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <source>Offline-only profile: your work stays on this computer</source>
        <translation>Profiili ilman palveluyhteyttä: työsi pysyy tällä tietokoneella</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not shared with any service</source>
        <translation>
            <numerusform>%n muutos, jota ei ole jaettu millekään palvelulle</numerusform>
            <numerusform>%n muutosta, joita ei ole jaettu millekään palvelulle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Zoom in (+)</source>
        <translation>Lähennä (+)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Lähennä</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Loitonna (-)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Loitonna</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Palauta näkymä</translation>
    </message>
    <message>
        <source>Show the whole area again (0)</source>
        <translation>Näytä koko alue uudelleen (0)</translation>
    </message>
    <message>
        <source>What the map shows</source>
        <translation>Mitä kartta näyttää</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <source>Not verified in the last 12 months</source>
        <translation>Ei tarkistettu viimeisen 12 kuukauden aikana</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Valittu</translation>
    </message>
    <message>
        <source>Distances start here</source>
        <translation>Etäisyydet lasketaan tästä</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>Tilapäisesti suljettu</translation>
    </message>
    <message>
        <source>On the map: {placed} of {count} services.</source>
        <translation>Kartalla: {placed}/{count} palvelua.</translation>
    </message>
    <message>
        <source>Without a map position (only in the list): {count}.</source>
        <translation>Ilman sijaintia kartalla (vain luettelossa): {count}.</translation>
    </message>
    <message>
        <source>Far outside the area (zoom out to see them): {count}.</source>
        <translation>Kaukana alueen ulkopuolella (loitonna nähdäksesi ne): {count}.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>use only digits, spaces and the signs + ( ) . / -, for example +39 0371 123456.</source>
        <translation>käytä vain numeroita, välilyöntejä ja merkkejä + ( ) . / -, esimerkiksi +358 40 123 4567.</translation>
    </message>
    <message>
        <source>write an email address such as name@example.org.</source>
        <translation>kirjoita sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.</translation>
    </message>
    <message>
        <source>write a language code such as it, fi or en-GB.</source>
        <translation>kirjoita kielikoodi, esimerkiksi fi, it tai en-GB.</translation>
    </message>
    <message>
        <source>a tag cannot start with a space or contain a comma.</source>
        <translation>tunniste ei voi alkaa välilyönnillä eikä sisältää pilkkua.</translation>
    </message>
    <message>
        <source>write a web address that starts with http:// or https://.</source>
        <translation>kirjoita verkko-osoite, joka alkaa http:// tai https://.</translation>
    </message>
    <message>
        <source>write the two-letter country code in capitals, such as IT or FI.</source>
        <translation>kirjoita maan kaksikirjaiminen koodi isoilla kirjaimilla, esimerkiksi FI tai IT.</translation>
    </message>
    <message>
        <source>the reference code has six characters, digits and the letters A to F.</source>
        <translation>viitekoodissa on kuusi merkkiä: numeroita ja kirjaimia A–F.</translation>
    </message>
    <message numerus="yes">
        <source>write at least %n character(s).</source>
        <translation>
            <numerusform>kirjoita vähintään %n merkki.</numerusform>
            <numerusform>kirjoita vähintään %n merkkiä.</numerusform>
        </translation>
    </message>
    <message>
        <source>choose at least one.</source>
        <translation>valitse vähintään yksi.</translation>
    </message>
    <message numerus="yes">
        <source>choose at least %n.</source>
        <translation>
            <numerusform>valitse vähintään %n.</numerusform>
            <numerusform>valitse vähintään %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>this is not in the expected form.</source>
        <translation>tieto ei ole odotetussa muodossa.</translation>
    </message>
    <message>
        <source>required; it cannot be left empty.</source>
        <translation>pakollinen tieto, ei voi jättää tyhjäksi.</translation>
    </message>
    <message>
        <source>write a whole number, such as 1984.</source>
        <translation>kirjoita kokonaisluku, esimerkiksi 1984.</translation>
    </message>
    <message>
        <source>write a number.</source>
        <translation>kirjoita luku.</translation>
    </message>
    <message>
        <source>answer yes or no.</source>
        <translation>vastaa kyllä tai ei.</translation>
    </message>
    <message>
        <source>choose one of the values offered.</source>
        <translation>valitse yksi tarjotuista vaihtoehdoista.</translation>
    </message>
    <message>
        <source>choose one from the list.</source>
        <translation>valitse yksi luettelosta.</translation>
    </message>
    <message>
        <source>give a date and a time.</source>
        <translation>anna päivämäärä ja kellonaika.</translation>
    </message>
    <message>
        <source>give a date.</source>
        <translation>anna päivämäärä.</translation>
    </message>
    <message>
        <source>give a time, such as 9:30.</source>
        <translation>anna kellonaika, esimerkiksi 9.30.</translation>
    </message>
    <message>
        <source>these details are incomplete.</source>
        <translation>tiedot ovat puutteelliset.</translation>
    </message>
    <message>
        <source>what was chosen is no longer on this computer; choose again.</source>
        <translation>valittua ei enää ole tällä tietokoneella: valitse uudelleen.</translation>
    </message>
    <message>
        <source>write it as text.</source>
        <translation>kirjoita se tekstinä.</translation>
    </message>
    <message>
        <source>give a list.</source>
        <translation>anna luettelo.</translation>
    </message>
    <message>
        <source>this record has no such field.</source>
        <translation>tässä tietueessa ei ole tällaista kenttää.</translation>
    </message>
    <message numerus="yes">
        <source>too long: at most %n character(s).</source>
        <translation>
            <numerusform>liian pitkä: enintään %n merkki.</numerusform>
            <numerusform>liian pitkä: enintään %n merkkiä.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too many: at most %n.</source>
        <translation>
            <numerusform>liian monta: enintään %n.</numerusform>
            <numerusform>liian monta: enintään %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>must be at least %1.</source>
        <translation>oltava vähintään %1.</translation>
    </message>
    <message>
        <source>must be more than %1.</source>
        <translation>oltava yli %1.</translation>
    </message>
    <message>
        <source>must be at most %1.</source>
        <translation>saa olla enintään %1.</translation>
    </message>
    <message>
        <source>must be less than %1.</source>
        <translation>oltava alle %1.</translation>
    </message>
    <message>
        <source>give both the opening and the closing time, or neither for a closed day.</source>
        <translation>anna sekä avaamis- että sulkemisaika, tai ei kumpaakaan, jos paikka on suljettu.</translation>
    </message>
    <message>
        <source>a shift needs an area: one or more municipalities, or the name of a route.</source>
        <translation>vuoro tarvitsee alueen: yksi tai useampi kunta tai reitin nimi.</translation>
    </message>
    <message>
        <source>cannot be earlier than the start.</source>
        <translation>ei voi olla ennen alkua.</translation>
    </message>
    <message>
        <source>an encounter cannot be linked to a contact yet; use the anonymous code.</source>
        <translation>kohtaamista ei voi vielä liittää yhteystietoon; käytä nimetöntä koodia.</translation>
    </message>
    <message>
        <source>name each supply item only once.</source>
        <translation>mainitse kukin tarvike vain kerran.</translation>
    </message>
    <message>
        <source>give the spot or the municipality where it happened, not both.</source>
        <translation>anna paikka tai kunta, jossa se tapahtui, ei molempia.</translation>
    </message>
    <message>
        <source>this point is outside the area the directory covers.</source>
        <translation>tämä piste on hakemiston kattaman alueen ulkopuolella.</translation>
    </message>
    <message>
        <source>only returned sharps are weighed.</source>
        <translation>vain palautetut neulat ja terät punnitaan.</translation>
    </message>
    <message>
        <source>give a count or a weight, not both.</source>
        <translation>anna määrä tai paino, ei molempia.</translation>
    </message>
    <message>
        <source>this is required.</source>
        <translation>tämä on pakollinen.</translation>
    </message>
    <message>
        <source>only a move between teams names another team.</source>
        <translation>vain tiimien välinen siirto mainitsee toisen tiimin.</translation>
    </message>
    <message>
        <source>a move goes to another team, not to this one.</source>
        <translation>siirto menee toiselle tiimille, ei tälle.</translation>
    </message>
    <message>
        <source>a shift needs an enrolled operator: connect this computer to the service first.</source>
        <translation>vuoro tarvitsee rekisteröidyn työntekijän: yhdistä tämä tietokone ensin palveluun.</translation>
    </message>
    <message>
        <source>only the people on this shift may change it.</source>
        <translation>vain tämän vuoron työntekijät voivat muuttaa sitä.</translation>
    </message>
    <message>
        <source>this shift has already ended.</source>
        <translation>tämä vuoro on jo päättynyt.</translation>
    </message>
    <message>
        <source>this shift has ended; give the time of the encounter to add it afterwards.</source>
        <translation>tämä vuoro on päättynyt; anna kohtaamisen aika, niin voit lisätä sen jälkikäteen.</translation>
    </message>
    <message>
        <source>this record code is not valid.</source>
        <translation>tietueen tunnus ei kelpaa.</translation>
    </message>
    <message>
        <source>cannot be earlier than when the record was created.</source>
        <translation>ei voi olla aikaisempi kuin tietueen luontihetki.</translation>
    </message>
    <message>
        <source>a phone number has between 5 and 20 digits.</source>
        <translation>puhelinnumerossa on 5–20 numeroa.</translation>
    </message>
    <message>
        <source>each one only once, please.</source>
        <translation>kukin vain kerran.</translation>
    </message>
    <message>
        <source>the series cannot end before its first meeting.</source>
        <translation>sarja ei voi päättyä ennen ensimmäistä tapaamista.</translation>
    </message>
    <message>
        <source>a repeating appointment ends on a date or after a number of meetings: choose one of the two.</source>
        <translation>toistuva tapaaminen päättyy tiettynä päivänä tai tietyn tapaamismäärän jälkeen: valitse jompikumpi.</translation>
    </message>
    <message>
        <source>write a given name, a family name or an alias.</source>
        <translation>kirjoita etunimi, sukunimi tai peitenimi.</translation>
    </message>
    <message>
        <source>a pseudonymous contact needs an alias.</source>
        <translation>nimettömällä asiakkaalla on oltava peitenimi.</translation>
    </message>
    <message>
        <source>a pseudonymous contact has an alias only, no names.</source>
        <translation>nimettömällä asiakkaalla on vain peitenimi, ei etu- tai sukunimeä.</translation>
    </message>
    <message>
        <source>choose someone other than the contact themselves.</source>
        <translation>valitse joku muu kuin asiakas itse.</translation>
    </message>
    <message>
        <source>must be after the day the consent was given.</source>
        <translation>oltava suostumuksen antopäivän jälkeen.</translation>
    </message>
    <message>
        <source>cannot be earlier than the day the consent was given.</source>
        <translation>ei voi olla ennen suostumuksen antopäivää.</translation>
    </message>
    <message>
        <source>choose a time zone such as Europe/Rome.</source>
        <translation>valitse aikavyöhyke, esimerkiksi Europe/Helsinki.</translation>
    </message>
    <message>
        <source>must be after the start.</source>
        <translation>oltava alun jälkeen.</translation>
    </message>
    <message>
        <source>must be after the opening time.</source>
        <translation>oltava avautumisajan jälkeen.</translation>
    </message>
    <message>
        <source>give both latitude and longitude, or neither.</source>
        <translation>anna sekä leveys- että pituusaste tai ei kumpaakaan.</translation>
    </message>
    <message>
        <source>only for a declined request.</source>
        <translation>vain hylätylle pyynnölle.</translation>
    </message>
    <message>
        <source>leave this empty when the person does not want to be contacted.</source>
        <translation>jätä tyhjäksi, jos henkilö ei halua, että häneen otetaan yhteyttä.</translation>
    </message>
    <message>
        <source>only a booking request has a time chosen.</source>
        <translation>vain ajanvarauspyynnöllä on valittu aika.</translation>
    </message>
    <message>
        <source>a time offered lasts at most 12 hours.</source>
        <translation>tarjottu aika kestää enintään 12 tuntia.</translation>
    </message>
    <message>
        <source>choose the consent this referral rests on.</source>
        <translation>valitse suostumus, johon tämä ohjaus perustuu.</translation>
    </message>
    <message>
        <source>this consent belongs to someone else.</source>
        <translation>tämä suostumus kuuluu toiselle henkilölle.</translation>
    </message>
    <message>
        <source>this consent does not allow a referral now.</source>
        <translation>tämä suostumus ei nyt salli ohjausta.</translation>
    </message>
    <message>
        <source>create a new contact or choose an existing one.</source>
        <translation>luo uusi asiakas tai valitse olemassa oleva.</translation>
    </message>
    <message>
        <source>this request has already been handled.</source>
        <translation>tämä pyyntö on jo käsitelty.</translation>
    </message>
    <message>
        <source>say why the request is declined.</source>
        <translation>kerro, miksi pyyntö hylätään.</translation>
    </message>
    <message>
        <source>a help-desk request has chosen this time: confirm or decline it in Intake first.</source>
        <translation>verkkoneuvonnan pyyntö on valinnut tämän ajan: vahvista tai hylkää se ensin Yhteydenotoissa.</translation>
    </message>
    <message>
        <source>only a booking request with a time chosen can be confirmed.</source>
        <translation>vain ajanvarauspyynnön, jolla on valittu aika, voi vahvistaa.</translation>
    </message>
    <message>
        <source>write a message to the person.</source>
        <translation>kirjoita viesti henkilölle.</translation>
    </message>
    <message>
        <source>this record is already on this computer.</source>
        <translation>tämä tietue on jo tällä tietokoneella.</translation>
    </message>
    <message>
        <source>this is filled in by the app.</source>
        <translation>sovellus täyttää tämän tiedon.</translation>
    </message>
    <message>
        <source>this list cannot be searched.</source>
        <translation>tästä luettelosta ei voi hakea.</translation>
    </message>
    <message>
        <source>this conflict has already been decided.</source>
        <translation>tämä ristiriita on jo ratkaistu.</translation>
    </message>
    <message>
        <source>choose which value to keep.</source>
        <translation>valitse, kumpi arvo säilytetään.</translation>
    </message>
    <message>
        <source>type the value to keep.</source>
        <translation>kirjoita säilytettävä arvo.</translation>
    </message>
    <message>
        <source>choose the contact the request became.</source>
        <translation>valitse asiakas, joka pyynnöstä syntyi.</translation>
    </message>
    <message>
        <source>required when the status is “%1”.</source>
        <translation>pakollinen, kun tila on ”%1”.</translation>
    </message>
    <message>
        <source>the person must agree to be contacted (%1).</source>
        <translation>henkilön on suostuttava yhteydenottoon (%1).</translation>
    </message>
    <message>
        <source>required to reply this way (%1).</source>
        <translation>pakollinen, jotta voi vastata tällä tavalla (%1).</translation>
    </message>
    <message>
        <source>needs at least %1 letters (accents do not count).</source>
        <translation>tarvitaan vähintään %1 kirjainta (tarkkeet eivät vaikuta).</translation>
    </message>
    <message>
        <source>must be a whole number in the range %1.</source>
        <translation>on oltava kokonaisluku väliltä %1.</translation>
    </message>
    <message>
        <source>write F, M or X.</source>
        <translation>kirjoita F, M tai X.</translation>
    </message>
    <message>
        <source>a code has %1 letters and digits, in groups of four.</source>
        <translation>koodissa on %1 kirjainta ja numeroa neljän ryhmissä.</translation>
    </message>
    <message>
        <source>the service would refuse this change again; change it first.</source>
        <translation>palvelu hylkäisi tämän muutoksen uudelleen: korjaa se ensin.</translation>
    </message>
    <message>
        <source>this record cannot be changed or removed; add a new one that corrects it.</source>
        <translation>tätä merkintää ei voi muuttaa eikä poistaa; lisää uusi, joka korjaa sen.</translation>
    </message>
    <message>
        <source>a case note cannot be changed; add a correction instead.</source>
        <translation>asiakasmerkintää ei voi muuttaa: lisää sen sijaan korjaus.</translation>
    </message>
    <message>
        <source>this computer receives the directory from the organisation&apos;s service; files are imported there.</source>
        <translation>tämä tietokone saa palveluhakemiston organisaation palvelusta: tiedostot tuodaan siellä.</translation>
    </message>
    <message>
        <source>this is not valid.</source>
        <translation>tieto ei kelpaa.</translation>
    </message>
    <message>
        <source>Entry %1, %2: %3</source>
        <translation>Rivi %1, %2: %3</translation>
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
        <translation>Kuukausi</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n muu</numerusform>
            <numerusform>+%n muuta</numerusform>
        </translation>
    </message>
    <message>
        <source>{when}: {appointments}</source>
        <translation>{when}: {appointments}</translation>
    </message>
    <message>
        <source>{when}: free</source>
        <translation>{when}: vapaa</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Correct a note</source>
        <translation>Korjaa kirjaus</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Lisää kirjaus</translation>
    </message>
    <message>
        <source>Notes are never changed. Write the correction: it is kept beside the original note.</source>
        <translation>Kirjauksia ei koskaan muuteta. Kirjoita korjaus: se säilytetään alkuperäisen kirjauksen rinnalla.</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;yyppi:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Kirjaus:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Milloin:</translation>
    </message>
</context>
<context>
    <name>OutreachPage</name>
    <message>
        <source>Street outreach</source>
        <translation>Katutyö</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Ladataan…</translation>
    </message>
    <message>
        <source>&amp;Start a shift…</source>
        <translation>&amp;Aloita vuoro…</translation>
    </message>
    <message>
        <source>Change the sh&amp;ift…</source>
        <translation>&amp;Muuta vuoroa…</translation>
    </message>
    <message>
        <source>&amp;End the shift…</source>
        <translation>&amp;Päätä vuoro…</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Varasto vähissä</translation>
    </message>
    <message>
        <source>Your latest shifts (open one to change it)</source>
        <translation>Viimeisimmät vuorosi (avaa vuoro muuttaaksesi sitä)</translation>
    </message>
    <message>
        <source>Your latest shifts</source>
        <translation>Viimeisimmät vuorosi</translation>
    </message>
    <message>
        <source>The shifts could not be read: {reason}</source>
        <translation>Vuoroja ei voitu lukea: {reason}</translation>
    </message>
    <message>
        <source>Encounters {e} · People {p} ({new} new) · Given {g} · Sharps in {s} · Referrals {r}</source>
        <translation>Kohtaamiset {e} · Henkilöt {p} ({new} uutta) · Annettu {g} · Neuloja palautettu {s} · Ohjaukset {r}</translation>
    </message>
    <message>
        <source>Shift running since {when} · {place} · {kind} · {team}</source>
        <translation>Vuoro käynnissä {when} alkaen · {place} · {kind} · {team}</translation>
    </message>
    <message>
        <source>No shift running.</source>
        <translation>Ei käynnissä olevaa vuoroa.</translation>
    </message>
    <message>
        <source>Shifts need this computer to be connected to the organisation&apos;s service first.</source>
        <translation>Vuoroja varten tämä tietokone on ensin yhdistettävä organisaation palveluun.</translation>
    </message>
    <message>
        <source>Start a shift when you go out: then each encounter takes three taps or keys.</source>
        <translation>Aloita vuoro, kun lähdet liikkeelle: sen jälkeen jokainen kohtaaminen vie kolme napautusta tai näppäintä.</translation>
    </message>
    <message>
        <source>{when} · {place} · {kind} · encounters: {n}, people: {p}</source>
        <translation>{when} · {place} · {kind} · kohtaamisia: {n}, henkilöitä: {p}</translation>
    </message>
</context>
<context>
    <name>OutreachStock</name>
    <message>
        <source>{item} {n} (warn at {at})</source>
        <translation>{item} {n} (varoitusraja {at})</translation>
    </message>
    <message>
        <source>Low stock: {items}</source>
        <translation>Varasto vähissä: {items}</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Valitse tunnuslause</translation>
    </message>
    <message>
        <source>It encrypts everything Prossimo keeps on this computer. Use several words that only you know. If it is forgotten, the data here cannot be recovered.</source>
        <translation>Sillä salataan kaikki, mitä Prossimo säilyttää tällä tietokoneella. Käytä useita sanoja, jotka vain sinä tiedät. Jos tunnuslause unohtuu, tämän tietokoneen tietoja ei voi palauttaa.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Uusi tunnuslause</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Toista tunnuslause</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Tunnuslause:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>T&amp;oista:</translation>
    </message>
    <message>
        <source>the two passphrases differ</source>
        <translation>tunnuslauseet eivät ole samat</translation>
    </message>
    <message>
        <source>Creating your encrypted store…</source>
        <translation>Luodaan salattua tietovarastoa…</translation>
    </message>
    <message>
        <source>Your encrypted store is ready.</source>
        <translation>Salattu tietovarasto on valmis.</translation>
    </message>
    <message>
        <source>The store could not be created: {error}</source>
        <translation>Tietovarastoa ei voitu luoda: {error}</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <source>Passphrase strength</source>
        <translation>Tunnuslauseen vahvuus</translation>
    </message>
    <message>
        <source>At least {n} characters. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>Vähintään {n} merkkiä. Muutama toisiinsa liittymätön sana on helppo muistaa ja vaikea arvata.</translation>
    </message>
    <message>
        <source>Too short: at least {n} characters</source>
        <translation>Liian lyhyt: vähintään {n} merkkiä</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Vahvuus:</translation>
    </message>
    <message>
        <source>Nothing typed yet</source>
        <translation>Ei vielä kirjoitettu</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Liian lyhyt</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Heikko</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Kohtalainen</translation>
    </message>
    <message>
        <source>Weak: too few different characters</source>
        <translation>Heikko: liian vähän erilaisia merkkejä</translation>
    </message>
    <message>
        <source>Fair: longer, or a few more words, would be stronger</source>
        <translation>Kohtalainen: pidempänä tai muutamalla lisäsanalla se olisi vahvempi</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Vahva</translation>
    </message>
</context>
<context>
    <name>QuickEncounter</name>
    <message>
        <source>Health</source>
        <translation>Terveys</translation>
    </message>
    <message>
        <source>Drugs and alcohol</source>
        <translation>Päihteet ja alkoholi</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Asuminen</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Ruoka</translation>
    </message>
    <message>
        <source>Legal matters</source>
        <translation>Oikeudelliset asiat</translation>
    </message>
    <message>
        <source>Work and money</source>
        <translation>Työ ja raha</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Turvallisuus</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Perhe</translation>
    </message>
    <message>
        <source>{name}: one fewer</source>
        <translation>{name}: yksi vähemmän</translation>
    </message>
    <message>
        <source>{name}: one more</source>
        <translation>{name}: yksi lisää</translation>
    </message>
    <message>
        <source>+  &amp;New encounter</source>
        <translation>+  &amp;Uusi kohtaaminen</translation>
    </message>
    <message>
        <source>Record an encounter (+)</source>
        <translation>Kirjaa kohtaaminen (+)</translation>
    </message>
    <message>
        <source>This shift&apos;s totals</source>
        <translation>Tämän vuoron yhteismäärät</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Peru</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Valmis</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hylkää</translation>
    </message>
    <message>
        <source>Record this encounter (Enter)</source>
        <translation>Kirjaa tämä kohtaaminen (Enter)</translation>
    </message>
    <message>
        <source>Forget this encounter (Esc)</source>
        <translation>Hylkää tämä kohtaaminen (Esc)</translation>
    </message>
    <message>
        <source>Press + for each encounter, tap what you gave, then Done. Everything else is optional.</source>
        <translation>Paina + jokaisesta kohtaamisesta, napauta mitä annoit ja sitten Valmis. Kaikki muu on vapaaehtoista.</translation>
    </message>
    <message>
        <source>This shift&apos;s encounters, latest first</source>
        <translation>Tämän vuoron kohtaamiset, uusin ensin</translation>
    </message>
    <message>
        <source>This shift&apos;s encounters</source>
        <translation>Tämän vuoron kohtaamiset</translation>
    </message>
    <message>
        <source>What was given (tap once for each)</source>
        <translation>Mitä annettiin (napauta kerran kustakin)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Henkilöt</translation>
    </message>
    <message>
        <source>Used sharps handed back</source>
        <translation>Palautetut käytetyt neulat</translation>
    </message>
    <message>
        <source>Peo&amp;ple in this encounter</source>
        <translation>&amp;Henkilöitä tässä kohtaamisessa</translation>
    </message>
    <message>
        <source>Used s&amp;harps handed back</source>
        <translation>Palautetut käytetyt &amp;neulat</translation>
    </message>
    <message>
        <source>&amp;Referred to</source>
        <translation>&amp;Ohjattu palveluun</translation>
    </message>
    <message>
        <source>Short n&amp;ote</source>
        <translation>L&amp;yhyt muistiinpano</translation>
    </message>
    <message>
        <source>Gender, only if safe to ask</source>
        <translation>Sukupuoli, vain jos on turvallista kysyä</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Ei kysytty</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Ikä</translation>
    </message>
    <message>
        <source>Met before?</source>
        <translation>Tavattu aiemmin?</translation>
    </message>
    <message>
        <source>First time</source>
        <translation>Ensimmäinen kerta</translation>
    </message>
    <message>
        <source>Met before</source>
        <translation>Tavattu aiemmin</translation>
    </message>
    <message>
        <source>Anonymous &amp;code (type to search)</source>
        <translation>Nimetön &amp;koodi (kirjoita hakeaksesi)</translation>
    </message>
    <message>
        <source>&amp;Make a code…</source>
        <translation>Muodosta uusi koo&amp;di…</translation>
    </message>
    <message>
        <source>Talked about</source>
        <translation>Puheenaiheet</translation>
    </message>
    <message>
        <source>New encounter</source>
        <translation>Uusi kohtaaminen</translation>
    </message>
    <message>
        <source>Give one more of the item with this number</source>
        <translation>Anna yksi lisää tämän numeron tarviketta</translation>
    </message>
    <message>
        <source>Record the encounter</source>
        <translation>Kirjaa kohtaaminen</translation>
    </message>
    <message>
        <source>Forget the encounter</source>
        <translation>Hylkää kohtaaminen</translation>
    </message>
    <message>
        <source>No referral</source>
        <translation>Ei ohjausta</translation>
    </message>
    <message>
        <source>Given on this shift: {given}</source>
        <translation>Annettu tässä vuorossa: {given}</translation>
    </message>
    <message>
        <source>group of {n}</source>
        <translation>{n} hengen ryhmä</translation>
    </message>
    <message>
        <source>first time</source>
        <translation>ensimmäinen kerta</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>ohjattu palveluun</translation>
    </message>
    <message>
        <source>{item}: one fewer</source>
        <translation>{item}: yksi vähemmän</translation>
    </message>
    <message>
        <source>No supply items yet: your team lead defines them.</source>
        <translation>Ei vielä tarvikkeita: tiimin vetäjä määrittää ne.</translation>
    </message>
    <message>
        <source>{item}, given now: {n}</source>
        <translation>{item}, annettu nyt: {n}</translation>
    </message>
    <message>
        <source>Encounter recorded: {given}.</source>
        <translation>Kohtaaminen kirjattu: {given}.</translation>
    </message>
    <message>
        <source>nothing given</source>
        <translation>ei annettu mitään</translation>
    </message>
    <message>
        <source>More given than the stock held of {items}: check the stock.</source>
        <translation>Annettiin enemmän kuin varastossa oli ({items}): tarkista varasto.</translation>
    </message>
    <message>
        <source>&amp;Undo ({n} s)</source>
        <translation>&amp;Peru ({n} s)</translation>
    </message>
    <message>
        <source>The last encounter was taken back.</source>
        <translation>Viimeisin kohtaaminen peruttiin.</translation>
    </message>
    <message numerus="yes">
        <source>Known code: met %n time(s) by your team</source>
        <translation>
            <numerusform>Tunnettu koodi: tiimisi on tavannut %n kerran</numerusform>
            <numerusform>Tunnettu koodi: tiimisi on tavannut %n kertaa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n known code(s) start like this</source>
        <translation>
            <numerusform>%n tunnettu koodi alkaa näin</numerusform>
            <numerusform>%n tunnettua koodia alkaa näin</numerusform>
        </translation>
    </message>
    <message>
        <source>No known code starts like this</source>
        <translation>Mikään tunnettu koodi ei ala näin</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Refer to a service</source>
        <translation>Ohjaus palveluun</translation>
    </message>
    <message>
        <source>Refer someone to {service} ({organisation}).</source>
        <translation>Ohjaa henkilö palveluun {service} ({organisation}).</translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation>Ketään ei ole vielä valittu.</translation>
    </message>
    <message>
        <source>Person referred</source>
        <translation>Ohjattava henkilö</translation>
    </message>
    <message>
        <source>Choose &amp;person…</source>
        <translation>Valitse &amp;henkilö…</translation>
    </message>
    <message>
        <source>Consent the referral rests on</source>
        <translation>Suostumus, johon ohjaus perustuu</translation>
    </message>
    <message>
        <source>Looking up their consents…</source>
        <translation>Haetaan suostumuksia…</translation>
    </message>
    <message>
        <source>Sharing someone&apos;s details with a service needs their consent, and there is no active consent to referral or information sharing on record for this person. If they agree now, record their consent below.</source>
        <translation>Henkilön tietojen luovuttaminen palvelulle edellyttää hänen suostumustaan, eikä hänelle ole kirjattu voimassa olevaa suostumusta ohjaukseen tai tietojen luovutukseen. Jos hän suostuu nyt, kirjaa suostumus alle.</translation>
    </message>
    <message>
        <source>Record &amp;consent now</source>
        <translation>Kirjaa &amp;suostumus nyt</translation>
    </message>
    <message>
        <source>How consent was given</source>
        <translation>Miten suostumus annettiin</translation>
    </message>
    <message>
        <source>It &amp;expires</source>
        <translation>&amp;Vanhenee</translation>
    </message>
    <message>
        <source>Consent expires on</source>
        <translation>Suostumus vanhenee</translation>
    </message>
    <message>
        <source>Reason for the referral</source>
        <translation>Ohjauksen syy</translation>
    </message>
    <message>
        <source>What the person needs from this service (optional)</source>
        <translation>Mitä henkilö tarvitsee tästä palvelusta (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>&amp;Send referral</source>
        <translation>&amp;Lähetä ohjaus</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Tarkoitus</translation>
    </message>
    <message>
        <source>&amp;Given as</source>
        <translation>&amp;Antotapa</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Annettu</translation>
    </message>
    <message>
        <source>C&amp;onsent:</source>
        <translation>S&amp;uostumus:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>S&amp;yy:</translation>
    </message>
    <message>
        <source>{purpose}, given on {given} ({method})</source>
        <translation>{purpose}, annettu {given} ({method})</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>voimassa {date} asti</translation>
    </message>
    <message>
        <source>to: {recipients}</source>
        <translation>vastaanottajat: {recipients}</translation>
    </message>
    <message>
        <source>choose the person to refer</source>
        <translation>valitse ohjattava henkilö</translation>
    </message>
    <message>
        <source>sharing needs the person&apos;s consent; if they agree now, record it first</source>
        <translation>tietojen luovutus edellyttää henkilön suostumusta; jos hän suostuu nyt, kirjaa se ensin</translation>
    </message>
</context>
<context>
    <name>RelationshipDialog</name>
    <message>
        <source>Add a relationship</source>
        <translation>Lisää suhde</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>Ketään ei ole vielä valittu</translation>
    </message>
    <message>
        <source>&amp;Choose contact…</source>
        <translation>&amp;Valitse asiakas…</translation>
    </message>
    <message>
        <source>&amp;Related contact:</source>
        <translation>&amp;Liittyvä asiakas:</translation>
    </message>
    <message>
        <source>&amp;Is this contact&apos;s:</source>
        <translation>&amp;On tämän asiakkaan:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Huomautus:</translation>
    </message>
    <message>
        <source>choose the related contact</source>
        <translation>valitse liittyvä asiakas</translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message>
        <source>Appointment at {time} ({place}) starts now</source>
        <translation>Tapaaminen klo {time} ({place}) alkaa nyt</translation>
    </message>
    <message>
        <source>Appointment at {time} ({place}) in {minutes} min</source>
        <translation>Tapaaminen klo {time} ({place}) alkaa {minutes} min kuluttua</translation>
    </message>
    <message>
        <source>Prossimo reminder</source>
        <translation>Prossimo-muistutus</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Raportit</translation>
    </message>
    <message>
        <source>Caseload and activity reports are not available yet. This is what this computer holds today:</source>
        <translation>Asiakasmäärä- ja toimintaraportit eivät ole vielä käytettävissä. Tällä tietokoneella on tänään:</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Asiakkaat</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Tapaamiset</translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation>Asiakaskirjaukset</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Suostumukset</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Ohjaukset</translation>
    </message>
    <message>
        <source>Services in the directory</source>
        <translation>Palveluhakemiston palvelut</translation>
    </message>
    <message>
        <source>Help desk requests</source>
        <translation>Yhteydenottopyynnöt</translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation>Synkronoimattomat muutokset</translation>
    </message>
</context>
<context>
    <name>ResourceDetail</name>
    <message>
        <source>Not verified in the last 12 months: check the details before sending someone.</source>
        <translation>Tietoja ei ole tarkistettu viimeisen 12 kuukauden aikana: tarkista ne ennen kuin ohjaat ketään.</translation>
    </message>
    <message>
        <source>&amp;Refer…</source>
        <translation>Oh&amp;jaa tähän palveluun…</translation>
    </message>
    <message>
        <source>Refer a contact to this service</source>
        <translation>Ohjaa asiakas tähän palveluun</translation>
    </message>
    <message>
        <source>Sa&amp;ve contact card…</source>
        <translation>Tallenna &amp;yhteystietokortti…</translation>
    </message>
    <message>
        <source>Save this service as a contact card (.vcf) for an address book</source>
        <translation>Tallenna tämä palvelu yhteystietokorttina (.vcf) osoitekirjaa varten</translation>
    </message>
    <message>
        <source>Choose a service in the list to read its details.</source>
        <translation>Valitse palvelu luettelosta, niin näet sen tiedot.</translation>
    </message>
    <message>
        <source>What it offers</source>
        <translation>Mitä palvelu tarjoaa</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Luokat</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Aukioloajat</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Sulkupäivät ja muut aukioloajat</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Verkkosivusto</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Koordinaatit</translation>
    </message>
    <message>
        <source>Languages spoken</source>
        <translation>Palvelukielet</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Kenelle palvelu on tarkoitettu</translation>
    </message>
    <message>
        <source>Last verified on</source>
        <translation>Tarkistettu viimeksi</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Ei tiedossa</translation>
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
        <translation>suljettu</translation>
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
        <translation>Tallenna yhteystietokortti nimellä</translation>
    </message>
    <message>
        <source>Contact cards (*.vcf)</source>
        <translation>Yhteystietokortit (*.vcf)</translation>
    </message>
    <message>
        <source>Opening hours:</source>
        <translation>Aukioloajat:</translation>
    </message>
    <message>
        <source>{number}: {description}</source>
        <translation>{number}: {description}</translation>
    </message>
    <message>
        <source>The contact card could not be saved: {reason}</source>
        <translation>Yhteystietokorttia ei voitu tallentaa: {reason}</translation>
    </message>
    <message>
        <source>Contact card saved: {file}</source>
        <translation>Yhteystietokortti tallennettu: {file}</translation>
    </message>
</context>
<context>
    <name>ResourceMap</name>
    <message>
        <source>{service} · Temporarily closed</source>
        <translation>{service} · Tilapäisesti suljettu</translation>
    </message>
    <message>
        <source>{count} services here: click to zoom in</source>
        <translation>{count} palvelua tässä: napsauta lähentääksesi</translation>
    </message>
    <message>
        <source>{place}: {count}</source>
        <translation>{place}: {count}</translation>
    </message>
    <message>
        <source>Map of the services found</source>
        <translation>Löydettyjen palvelujen kartta</translation>
    </message>
    <message>
        <source>The services in the list, drawn over the municipalities of the area. Click a marker to read the service. The list holds the same services and can be used with the keyboard.</source>
        <translation>Luettelon palvelut alueen kuntien päällä. Napsauta merkkiä lukeaksesi palvelun tiedot. Luettelossa ovat samat palvelut, ja sitä voi käyttää näppäimistöllä.</translation>
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
        <translation>Palvelut</translation>
    </message>
    <message>
        <source>S&amp;top referring</source>
        <translation>&amp;Lopeta ohjaus</translation>
    </message>
    <message>
        <source>Service, organisation, street, keyword…</source>
        <translation>Palvelu, organisaatio, katu, hakusana…</translation>
    </message>
    <message>
        <source>Search the directory</source>
        <translation>Hae palveluhakemistosta</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Hae:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Luokka</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Kaikki luokat</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>Lu&amp;okka:</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Kaikki kunnat</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Kunta:</translation>
    </message>
    <message>
        <source>Show cl&amp;osed services</source>
        <translation>Näytä suljetut &amp;palvelut</translation>
    </message>
    <message>
        <source>Also list services that are inactive or closed for good</source>
        <translation>Näytä myös palvelut, jotka eivät ole toiminnassa tai ovat lopettaneet</translation>
    </message>
    <message>
        <source>A contact&apos;s distance starts from their municipality: street addresses are never looked up, since that would send a person&apos;s address to an outside service.</source>
        <translation>Asiakkaan etäisyys lasketaan hänen kotikunnastaan: katuosoitteita ei koskaan haeta, koska se lähettäisi henkilön osoitteen ulkopuoliselle palvelulle.</translation>
    </message>
    <message>
        <source>Distances from</source>
        <translation>Etäisyydet paikasta</translation>
    </message>
    <message>
        <source>No distance</source>
        <translation>Ei etäisyyttä</translation>
    </message>
    <message>
        <source>A municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>A contact…</source>
        <translation>Asiakas…</translation>
    </message>
    <message>
        <source>A point on the map</source>
        <translation>Kohta kartalla</translation>
    </message>
    <message>
        <source>&amp;Distance from:</source>
        <translation>&amp;Etäisyys paikasta:</translation>
    </message>
    <message>
        <source>Municipality distances start from</source>
        <translation>Kunta, josta etäisyydet lasketaan</translation>
    </message>
    <message>
        <source>Choose c&amp;ontact…</source>
        <translation>&amp;Valitse asiakas…</translation>
    </message>
    <message>
        <source>Where distances start</source>
        <translation>Mistä etäisyydet lasketaan</translation>
    </message>
    <message>
        <source>Any distance</source>
        <translation>Mikä tahansa etäisyys</translation>
    </message>
    <message>
        <source>Radius in kilometres</source>
        <translation>Säde kilometreinä</translation>
    </message>
    <message>
        <source>Only services within this distance; services without a map position are then left out.</source>
        <translation>Vain tämän etäisyyden sisällä olevat palvelut; palvelut, joilla ei ole sijaintia kartalla, jätetään silloin pois.</translation>
    </message>
    <message>
        <source>Radi&amp;us:</source>
        <translation>&amp;Säde:</translation>
    </message>
    <message>
        <source>&amp;Handout…</source>
        <translation>Palvelulis&amp;ta…</translation>
    </message>
    <message>
        <source>Print the selected services for the person to take away (Ctrl+P)</source>
        <translation>Tulosta valitut palvelut henkilölle mukaan (Ctrl+P)</translation>
    </message>
    <message>
        <source>Waiting for re&amp;view</source>
        <translation>Odottaa ta&amp;rkistusta</translation>
    </message>
    <message>
        <source>The partners&apos; changes waiting for a team lead&apos;s review</source>
        <translation>Kumppanien muutokset, jotka odottavat tiimin vetäjän tarkistusta</translation>
    </message>
    <message>
        <source>Services found</source>
        <translation>Löytyneet palvelut</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisaatio</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Luokat</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Etäisyys</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Tarkistettu</translation>
    </message>
    <message>
        <source>List or map</source>
        <translation>Luettelo tai kartta</translation>
    </message>
    <message>
        <source>L&amp;ist</source>
        <translation>L&amp;uettelo</translation>
    </message>
    <message>
        <source>M&amp;ap</source>
        <translation>K&amp;artta</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>Haun yhteenveto</translation>
    </message>
    <message>
        <source>Go to the search</source>
        <translation>Siirry hakuun</translation>
    </message>
    <message>
        <source>Print a handout of the selected services</source>
        <translation>Tulosta valituista palveluista palvelulista</translation>
    </message>
    <message>
        <source>Referring {name}: find a service, then choose Refer….</source>
        <translation>Ohjataan: {name}. Etsi palvelu ja valitse sitten Ohjaa tähän palveluun….</translation>
    </message>
    <message>
        <source>{distance} km</source>
        <translation>{distance} km</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Ei tarkistettu</translation>
    </message>
    <message>
        <source>Never verified</source>
        <translation>Ei koskaan tarkistettu</translation>
    </message>
    <message>
        <source>Not verified in the last 12 months: check the details before sending someone.</source>
        <translation>Tietoja ei ole tarkistettu viimeisen 12 kuukauden aikana: tarkista ne ennen kuin ohjaat ketään.</translation>
    </message>
    <message>
        <source>{service} · {status}</source>
        <translation>{service} · {status}</translation>
    </message>
    <message>
        <source>Temporarily closed: call before sending someone.</source>
        <translation>Tilapäisesti suljettu: soita ennen kuin ohjaat ketään.</translation>
    </message>
    <message>
        <source>No service matches. Try fewer words or another filter.</source>
        <translation>Palveluja ei löytynyt. Kokeile vähemmillä sanoilla tai toisella suodattimella.</translation>
    </message>
    <message>
        <source>Showing the first {count} services: type more to narrow the search.</source>
        <translation>Näytetään {count} ensimmäistä palvelua: tarkenna hakua kirjoittamalla lisää.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln palvelu</numerusform>
            <numerusform>%Ln palvelua</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s) within {radius} km, nearest first.</source>
        <translation>
            <numerusform>%Ln palvelu {radius} km:n säteellä.</numerusform>
            <numerusform>%Ln palvelua {radius} km:n säteellä, lähin ensin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s), nearest first.</source>
        <translation>
            <numerusform>%Ln palvelu.</numerusform>
            <numerusform>%Ln palvelua, lähin ensin.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing the nearest {count} services: type more to narrow the search.</source>
        <translation>Näytetään {count} lähintä palvelua: kirjoita lisää rajataksesi hakua.</translation>
    </message>
    <message>
        <source>No service matches. Try fewer words, another filter or a larger radius.</source>
        <translation>Yksikään palvelu ei vastaa hakua. Kokeile vähemmillä sanoilla, toisella suodattimella tai suuremmalla säteellä.</translation>
    </message>
    <message>
        <source>Left out, as they have no map position: {count}.</source>
        <translation>Jätetty pois, koska sijainti kartalla puuttuu: {count}.</translation>
    </message>
    <message>
        <source>Listed last, as they have no map position: {count}.</source>
        <translation>Luettelon lopussa, koska sijainti kartalla puuttuu: {count}.</translation>
    </message>
    <message>
        <source>Click on the map where distances should start.</source>
        <translation>Napsauta karttaa kohdasta, josta etäisyydet lasketaan.</translation>
    </message>
    <message>
        <source>From the point chosen on the map.</source>
        <translation>Kartalta valitusta kohdasta.</translation>
    </message>
    <message>
        <source>No contact chosen.</source>
        <translation>Asiakasta ei ole valittu.</translation>
    </message>
    <message>
        <source>No municipality is recorded for {name}: choose a municipality or a point on the map instead.</source>
        <translation>Henkilölle {name} ei ole kirjattu kuntaa: valitse sen sijaan kunta tai kohta kartalla.</translation>
    </message>
    <message>
        <source>{municipality}, where {name} lives, is not on the map: choose a municipality or a point on the map instead.</source>
        <translation>{municipality}, jossa {name} asuu, ei ole kartalla: valitse sen sijaan kunta tai kohta kartalla.</translation>
    </message>
    <message>
        <source>From {municipality}, where {name} lives.</source>
        <translation>Paikasta {municipality}, jossa {name} asuu.</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for re&amp;view (%n)</source>
        <translation>
            <numerusform>Odottaa ta&amp;rkistusta (%n)</numerusform>
            <numerusform>Odottaa ta&amp;rkistusta (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>That record is no longer on this computer.</source>
        <translation>Tätä tietoa ei enää ole tällä tietokoneella.</translation>
    </message>
    <message>
        <source>Referral to {service} saved on this computer. This profile does not sync, so the service does not receive it from here.</source>
        <translation>Ohjaus palveluun {service} tallennettu tälle tietokoneelle. Tämä profiili ei synkronoidu, joten palvelu ei saa sitä täältä.</translation>
    </message>
    <message>
        <source>Referral to {service} saved: it will be sent at the next sync.</source>
        <translation>Ohjaus palveluun {service} tallennettu: se lähetetään seuraavassa synkronoinnissa.</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>The review queue needs a connection to the service: this computer is offline, or the service cannot be reached. Try again when you are online.</source>
        <translation>Tarkistusjono tarvitsee yhteyden palveluun: tämä tietokone ei ole verkossa, tai palveluun ei saada yhteyttä. Yritä uudelleen, kun olet verkossa.</translation>
    </message>
    <message>
        <source>The review queue needs a connection: this computer is not connected to a service.</source>
        <translation>Tarkistusjono tarvitsee yhteyden: tätä tietokonetta ei ole yhdistetty palveluun.</translation>
    </message>
    <message>
        <source>The organisation revoked this computer: the next sync wipes it.</source>
        <translation>Organisaatio on poistanut tämän tietokoneen käytöstä: seuraava synkronointi tyhjentää sen.</translation>
    </message>
    <message>
        <source>This Prossimo and the service speak different versions: ask IT to update them.</source>
        <translation>Tämä Prossimo ja palvelu käyttävät eri versioita: pyydä IT-tukea päivittämään ne.</translation>
    </message>
    <message>
        <source>This change no longer waits: it was decided already, or the partner sent a newer one.</source>
        <translation>Tämä muutos ei enää odota: siitä on jo päätetty, tai kumppani on lähettänyt uudemman.</translation>
    </message>
    <message>
        <source>Only team leads and administrators review the partners&apos; changes.</source>
        <translation>Vain tiimien vetäjät ja ylläpitäjät tarkistavat kumppanien muutokset.</translation>
    </message>
    <message>
        <source>This service has no review queue yet: ask IT to update it.</source>
        <translation>Tässä palvelussa ei vielä ole tarkistusjonoa: pyydä IT-tukea päivittämään se.</translation>
    </message>
    <message>
        <source>The change no longer fits the directory&apos;s rules (the entry changed since): reject it and ask the partner to send it again.</source>
        <translation>Muutos ei enää sovi hakemiston sääntöihin (tieto on sittemmin muuttunut): hylkää se ja pyydä kumppania lähettämään se uudelleen.</translation>
    </message>
    <message>
        <source>The service could not answer; try again later.</source>
        <translation>Palvelu ei voinut vastata; yritä myöhemmin uudelleen.</translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message>
        <source>Waiting for review</source>
        <translation>Odottaa tarkistusta</translation>
    </message>
    <message>
        <source>Partners&apos; changes waiting for review</source>
        <translation>Tarkistusta odottavat kumppanien muutokset</translation>
    </message>
    <message>
        <source>Review queue status</source>
        <translation>Tarkistusjonon tila</translation>
    </message>
    <message>
        <source>Changes waiting for review</source>
        <translation>Tarkistusta odottavat muutokset</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Kumppaniorganisaatio</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Lähetetty</translation>
    </message>
    <message>
        <source>What it changes</source>
        <translation>Mitä se muuttaa</translation>
    </message>
    <message>
        <source>What the change does, field by field</source>
        <translation>Mitä muutos tekee, kenttä kerrallaan</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kenttä</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nyt</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Ehdotettu</translation>
    </message>
    <message>
        <source>&amp;Approve and publish</source>
        <translation>&amp;Hyväksy ja julkaise</translation>
    </message>
    <message>
        <source>Publish the change: every device gets it at its next sync</source>
        <translation>Julkaise muutos: jokainen laite saa sen seuraavassa synkronoinnissa</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>Hy&amp;lkää</translation>
    </message>
    <message>
        <source>Leave the directory as it is; the change is dropped</source>
        <translation>Jätä hakemisto ennalleen; muutos hylätään</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Päivitä</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sulje</translation>
    </message>
    <message>
        <source>Reading the queue…</source>
        <translation>Luetaan jonoa…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Julkaistaan…</translation>
    </message>
    <message>
        <source>Rejecting…</source>
        <translation>Hylätään…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting for review.</source>
        <translation>
            <numerusform>%n muutos odottaa tarkistusta.</numerusform>
            <numerusform>%n muutosta odottaa tarkistusta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits for review.</source>
        <translation>Mikään ei odota tarkistusta.</translation>
    </message>
    <message>
        <source>Approved and published: every device gets it at its next sync.</source>
        <translation>Hyväksytty ja julkaistu: jokainen laite saa sen seuraavassa synkronoinnissa.</translation>
    </message>
    <message>
        <source>Rejected: the directory stays as it was.</source>
        <translation>Hylätty: hakemisto pysyy ennallaan.</translation>
    </message>
    <message>
        <source>{service} · {provider}, sent by {who} on {when}</source>
        <translation>{service} · {provider}, lähettäjä {who}, {when}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ei mitään)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Language and locking</source>
        <translation>Kieli ja lukitus</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after this many minutes without use</source>
        <translation>Lukitse, kun ohjelmaa ei ole käytetty näin moneen minuuttiin</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Käytä</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>K&amp;ieli:</translation>
    </message>
    <message>
        <source>Loc&amp;k after:</source>
        <translation>Lukitse, kun käyttä&amp;mättä:</translation>
    </message>
    <message>
        <source>Prossimo locks itself after this many minutes without use; your passphrase opens it again.</source>
        <translation>Prossimo lukittuu itsestään, kun sitä ei ole käytetty näin moneen minuuttiin; tunnuslauseella sen saa taas auki.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tallennettu.</translation>
    </message>
    <message>
        <source>Central service</source>
        <translation>Keskuspalvelu</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Luetaan…</translation>
    </message>
    <message>
        <source>Address of the central service</source>
        <translation>Keskuspalvelun osoite</translation>
    </message>
    <message>
        <source>Organisation&apos;s certificate file (CA bundle)</source>
        <translation>Organisaation varmennetiedosto (CA-paketti)</translation>
    </message>
    <message>
        <source>Only if your IT staff gave you one</source>
        <translation>Vain jos IT-tuki on antanut sellaisen</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Valitse…</translation>
    </message>
    <message>
        <source>The certificate file decides which servers this computer trusts with your clients&apos; data. Use only the file your organisation&apos;s IT staff gave you, never one from anybody else.</source>
        <translation>Varmennetiedosto ratkaisee, mille palvelimille tämä tietokone uskoo asiakkaidesi tiedot. Käytä vain organisaatiosi IT-tuen antamaa tiedostoa, älä koskaan keneltäkään muulta saatua.</translation>
    </message>
    <message>
        <source>Save the a&amp;ddress</source>
        <translation>Tallenna osoit&amp;e</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>&amp;Osoite:</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>V&amp;armennetiedosto:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Selaa tie&amp;dostoja…</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <source>Connect this com&amp;puter</source>
        <translation>Yhdistä tämä tiet&amp;okone</translation>
    </message>
    <message>
        <source>Service addre&amp;ss:</source>
        <translation>&amp;Palvelun osoite:</translation>
    </message>
    <message>
        <source>Certificate f&amp;ile:</source>
        <translation>Va&amp;rmennetiedosto:</translation>
    </message>
    <message>
        <source>Userna&amp;me:</source>
        <translation>Käyttä&amp;jätunnus:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Salasana:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Yhdistetään…</translation>
    </message>
    <message>
        <source>Type the service&apos;s address, such as https://prossimo.example.org (https, unless the service runs on this computer)</source>
        <translation>Kirjoita palvelun osoite, esimerkiksi https://prossimo.example.org (https, ellei palvelu toimi tällä tietokoneella)</translation>
    </message>
    <message>
        <source>Type your username for the service</source>
        <translation>Kirjoita käyttäjätunnuksesi palveluun</translation>
    </message>
    <message>
        <source>Type your password for the service</source>
        <translation>Kirjoita salasanasi palveluun</translation>
    </message>
    <message>
        <source>Connected to {address}.</source>
        <translation>Yhdistetty palveluun {address}.</translation>
    </message>
    <message>
        <source>This profile works offline only: nothing leaves this computer. To share your work with your organisation, connect it to their service with the address, username and password your IT staff gave you.</source>
        <translation>Tämä profiili toimii vain tällä tietokoneella: mitään ei lähetetä muualle. Jos haluat jakaa työsi organisaatiosi kanssa, yhdistä profiili sen palveluun IT-tuen antamalla osoitteella, käyttäjätunnuksella ja salasanalla.</translation>
    </message>
    <message>
        <source>Change these only when your organisation tells you to: the service moved, or it uses a new certificate.</source>
        <translation>Muuta näitä vain, kun organisaatiosi pyytää: palvelu on siirtynyt tai se käyttää uutta varmennetta.</translation>
    </message>
    <message>
        <source>Choose the organisation&apos;s certificate file</source>
        <translation>Valitse organisaation varmennetiedosto</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Varmenteet (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Use an address that starts with https:// (plain http is only for a service on this computer).</source>
        <translation>Käytä osoitetta, joka alkaa https:// (pelkkä http on vain tällä tietokoneella toimivalle palvelulle).</translation>
    </message>
    <message>
        <source>Type the service&apos;s address, such as https://prossimo.example.org</source>
        <translation>Kirjoita palvelun osoite, esimerkiksi https://prossimo.example.org</translation>
    </message>
    <message>
        <source>Saved. The next sync uses this address.</source>
        <translation>Tallennettu. Seuraava synkronointi käyttää tätä osoitetta.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Ei tallennettu: {reason}</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Tunnuslause</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Nykyinen tunnuslause</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Uusi tunnuslause</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Toista uusi tunnuslause</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>Vai&amp;hda tunnuslause</translation>
    </message>
    <message>
        <source>The passphrase opens Prossimo on this computer. Changing it does not change your password for the central service.</source>
        <translation>Tunnuslauseella avataan Prossimo tällä tietokoneella. Sen vaihtaminen ei muuta keskuspalvelun salasanaasi.</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>&amp;Nykyinen tunnuslause:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Uusi tunnuslause:</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>&amp;Toista se:</translation>
    </message>
    <message>
        <source>Type the passphrase you use now</source>
        <translation>Kirjoita nykyinen tunnuslauseesi</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same</source>
        <translation>Uudet tunnuslauseet eivät ole samat</translation>
    </message>
    <message>
        <source>Changing the passphrase… this takes a few seconds.</source>
        <translation>Tunnuslausetta vaihdetaan… tämä kestää muutaman sekunnin.</translation>
    </message>
    <message>
        <source>Your passphrase was changed. Use the new one from now on.</source>
        <translation>Tunnuslause on vaihdettu. Käytä tästä lähtien uutta.</translation>
    </message>
    <message>
        <source>This is not the current passphrase</source>
        <translation>Tämä ei ole nykyinen tunnuslause</translation>
    </message>
    <message>
        <source>The passphrase was not changed: {reason}</source>
        <translation>Tunnuslausetta ei vaihdettu: {reason}</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Tämä tietokone</translation>
    </message>
    <message>
        <source>L&amp;ock now</source>
        <translation>Lukitse n&amp;yt</translation>
    </message>
    <message>
        <source>Sign this device ou&amp;t…</source>
        <translation>Kirjaa tämä laite ulo&amp;s…</translation>
    </message>
    <message>
        <source>Locks Prossimo now, e.g. before you leave the computer; your passphrase opens it again.</source>
        <translation>Lukitsee Prossimon heti, esimerkiksi ennen kuin lähdet tietokoneen luota; tunnuslauseella sen saa taas auki.</translation>
    </message>
    <message>
        <source>Deletes this profile and every local record of it from this computer, e.g. before the computer goes to someone else.</source>
        <translation>Poistaa tämän profiilin ja kaikki sen paikalliset tiedot tältä tietokoneelta, esimerkiksi ennen kuin tietokone siirtyy jollekulle toiselle.</translation>
    </message>
    <message>
        <source>There is no file at this place</source>
        <translation>Tässä paikassa ei ole tiedostoa</translation>
    </message>
    <message>
        <source>This file cannot be read</source>
        <translation>Tätä tiedostoa ei voi lukea</translation>
    </message>
    <message>
        <source>This file holds no certificate (a PEM file with -----BEGIN CERTIFICATE-----)</source>
        <translation>Tiedostossa ei ole varmennetta (tarvitaan PEM-tiedosto, jossa on -----BEGIN CERTIFICATE-----)</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Your data could not be read ({error}). Nothing was changed.</source>
        <translation>Tietoja ei voitu lukea ({error}). Mitään ei muutettu.</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Lukittu %n minuutin käyttämättömyyden jälkeen.</numerusform>
            <numerusform>Lukittu %n minuutin käyttämättömyyden jälkeen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked because the computer&apos;s session was locked.</source>
        <translation>Lukittu, koska tietokoneen istunto lukittiin.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>Lukittu, koska tietokone siirtyi lepotilaan.</translation>
    </message>
    <message>
        <source>This computer is now connected to your organisation&apos;s service. Unlock to start syncing.</source>
        <translation>Tämä tietokone on nyt yhdistetty organisaatiosi palveluun. Avaa lukitus, niin synkronointi alkaa.</translation>
    </message>
    <message>
        <source>Your organisation removed this computer&apos;s access ({reason}). Every record it held has been deleted from it.</source>
        <translation>Organisaatiosi poisti tämän tietokoneen käyttöoikeuden ({reason}). Kaikki sen tiedot on poistettu siltä.</translation>
    </message>
</context>
<context>
    <name>ShiftForm</name>
    <message>
        <source>Encounters: {n}</source>
        <translation>Kohtaamiset: {n}</translation>
    </message>
    <message>
        <source>People: {n} ({new} new, {codes} with a code)</source>
        <translation>Henkilöt: {n} ({new} uutta, {codes} koodilla)</translation>
    </message>
    <message>
        <source>Supplies given: {given}</source>
        <translation>Annetut tarvikkeet: {given}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ei mitään</translation>
    </message>
    <message>
        <source>Used sharps taken back: {n}</source>
        <translation>Vastaanotetut käytetyt neulat: {n}</translation>
    </message>
    <message>
        <source>Referrals: {n}</source>
        <translation>Ohjaukset: {n}</translation>
    </message>
    <message>
        <source>write each colleague&apos;s operator code, separated by commas</source>
        <translation>kirjoita kunkin kollegan työntekijäkoodi pilkuilla erotettuina</translation>
    </message>
    <message>
        <source>&amp;Start the shift</source>
        <translation>&amp;Aloita vuoro</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Tallenna</translation>
    </message>
    <message>
        <source>&amp;End the shift</source>
        <translation>&amp;Päätä vuoro</translation>
    </message>
    <message>
        <source>Start a shift</source>
        <translation>Aloita vuoro</translation>
    </message>
    <message>
        <source>Change the shift</source>
        <translation>Muuta vuoroa</translation>
    </message>
    <message>
        <source>End the shift</source>
        <translation>Päätä vuoro</translation>
    </message>
    <message>
        <source>So far on this shift:</source>
        <translation>Tähän mennessä tässä vuorossa:</translation>
    </message>
    <message>
        <source>This shift:</source>
        <translation>Tämä vuoro:</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>T&amp;iimi:</translation>
    </message>
    <message>
        <source>A municipality, or the name of your route</source>
        <translation>Kunta tai reittisi nimi</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>A&amp;lue:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>La&amp;ji:</translation>
    </message>
    <message>
        <source>Their operator codes, separated by commas</source>
        <translation>Heidän työntekijäkoodinsa pilkuilla erotettuina</translation>
    </message>
    <message>
        <source>C&amp;olleagues:</source>
        <translation>&amp;Kollegat:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Muistiinpanot:</translation>
    </message>
    <message>
        <source>This computer is not in any team yet: connect it to the organisation&apos;s service first.</source>
        <translation>Tämä tietokone ei ole vielä missään tiimissä: yhdistä se ensin organisaation palveluun.</translation>
    </message>
    <message>
        <source>write a municipality or a route name</source>
        <translation>kirjoita kunta tai reitin nimi</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <source>Alt and the underlined letter also reaches any button or field. Tab moves to the next control, Shift+Tab back.</source>
        <translation>Alt ja alleviivattu kirjain vievät myös mihin tahansa painikkeeseen tai kenttään. Sarkain siirtyy seuraavaan kohtaan, Vaihto+Sarkain takaisin.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Näppäimet</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Mitä se tekee</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Kaikkialla</translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <source>Sign this device out</source>
        <translation>Kirjaa tämä laite ulos</translation>
    </message>
    <message>
        <source>Signing out deletes every record of this profile from this computer: contacts, appointments, notes and the key that protects them. It cannot be undone. On a synced profile your team&apos;s records stay on the central service and come back when you enrol this computer again.</source>
        <translation>Uloskirjautuminen poistaa tältä tietokoneelta kaikki tämän profiilin tiedot: asiakkaat, tapaamiset, kirjaukset ja niitä suojaavan avaimen. Tätä ei voi perua. Synkronoidussa profiilissa tiimisi tiedot säilyvät keskuspalvelussa ja palaavat, kun liität tämän tietokoneen uudelleen.</translation>
    </message>
    <message>
        <source>I &amp;understand that this profile is deleted from this computer</source>
        <translation>&amp;Ymmärrän, että tämä profiili poistetaan tältä tietokoneelta</translation>
    </message>
    <message>
        <source>This profile is not connected to a central service: its records exist only on this computer and will be lost.</source>
        <translation>Tätä profiilia ei ole yhdistetty keskuspalveluun: sen tiedot ovat vain tällä tietokoneella, ja ne menetetään.</translation>
    </message>
    <message>
        <source>Delete them &amp;anyway: I accept that they are lost</source>
        <translation>Poista &amp;silti: hyväksyn, että ne menetetään</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the central service yet and will be lost. Sync first if you can.</source>
        <translation>
            <numerusform>%n muutos ei ole vielä mennyt keskuspalveluun, ja se menetetään. Synkronoi ensin, jos voit.</numerusform>
            <numerusform>%n muutosta ei ole vielä mennyt keskuspalveluun, ja ne menetetään. Synkronoi ensin, jos voit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them &amp;anyway: I accept that these changes are lost</source>
        <translation>Poista &amp;silti: hyväksyn, että nämä muutokset menetetään</translation>
    </message>
    <message>
        <source>&amp;Sign out and delete</source>
        <translation>&amp;Kirjaa ulos ja poista</translation>
    </message>
</context>
<context>
    <name>SlotForm</name>
    <message>
        <source>&amp;Offer slot</source>
        <translation>&amp;Tarjoa aika</translation>
    </message>
    <message>
        <source>Offer a slot at the help desk</source>
        <translation>Tarjoa aika verkkoneuvonnassa</translation>
    </message>
    <message>
        <source>People choose a free slot on the help desk&apos;s booking page, without seeing names. Their request then holds it until you confirm or decline it in Intake.</source>
        <translation>Ihmiset valitsevat vapaan ajan verkkoneuvonnan ajanvaraussivulta näkemättä nimiä. Heidän pyyntönsä pitää ajan, kunnes vahvistat tai hylkäät sen Yhteydenotoissa.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Päivä</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Alkamisaika</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Päättymisaika</translation>
    </message>
    <message>
        <source>How the meeting happens</source>
        <translation>Miten tapaaminen järjestetään</translation>
    </message>
    <message>
        <source>Where, or how</source>
        <translation>Missä tai kuinka</translation>
    </message>
    <message>
        <source>For example: Via Roma 12, 2nd floor; or: we call you</source>
        <translation>Esimerkiksi: Kauppakatu 12, 2. kerros; tai: soitamme sinulle</translation>
    </message>
    <message>
        <source>Team offering it</source>
        <translation>Tarjoava tiimi</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Ei tiimiä</translation>
    </message>
    <message>
        <source>The person sees this only once you have confirmed their booking.</source>
        <translation>Henkilö näkee tämän vasta, kun olet vahvistanut varauksen.</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Päivä</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Alkaa</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>Päätt&amp;yy</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;Miten</translation>
    </message>
    <message>
        <source>&amp;Where or how</source>
        <translation>Missä tai &amp;kuinka</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>Tiim&amp;i</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <source>choose a time that has not passed yet</source>
        <translation>valitse aika, joka ei ole vielä mennyt</translation>
    </message>
    <message>
        <source>you are in no team yet: ask IT to add you to one</source>
        <translation>et ole vielä missään tiimissä: pyydä IT-tukea lisäämään sinut</translation>
    </message>
</context>
<context>
    <name>SlotsPanel</name>
    <message>
        <source>Help desk slots shown</source>
        <translation>Näytetyt verkkoneuvonnan ajat</translation>
    </message>
    <message>
        <source>Times your team offers for booking on the public help desk</source>
        <translation>Ajat, jotka tiimisi tarjoaa varattaviksi julkisessa verkkoneuvonnassa</translation>
    </message>
    <message>
        <source>O&amp;ffer a slot…</source>
        <translation>Tarj&amp;oa aika…</translation>
    </message>
    <message>
        <source>Offer a time that people can book on the help desk</source>
        <translation>Tarjoa aika, jonka ihmiset voivat varata verkkoneuvonnassa</translation>
    </message>
    <message>
        <source>Stop offering this slot; a booking already made in it stays</source>
        <translation>Lopeta tämän ajan tarjoaminen; jo tehty varaus säilyy</translation>
    </message>
    <message>
        <source>Help desk slo&amp;ts:</source>
        <translation>Verkkoneuvonnan a&amp;jat:</translation>
    </message>
    <message>
        <source>Help desk: open</source>
        <translation>Neuvonta: vapaa</translation>
    </message>
    <message>
        <source>Help desk: held, to answer</source>
        <translation>Neuvonta: pidetty, vastaa</translation>
    </message>
    <message>
        <source>Help desk: booked</source>
        <translation>Neuvonta: varattu</translation>
    </message>
    <message>
        <source>Help desk: withdrawn</source>
        <translation>Neuvonta: ei tarjolla</translation>
    </message>
    <message>
        <source>Wit&amp;hdraw</source>
        <translation>Pe&amp;ru tarjous</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Poist&amp;a</translation>
    </message>
    <message>
        <source>Delete a slot offered by mistake</source>
        <translation>Poista vahingossa tarjottu aika</translation>
    </message>
    <message>
        <source>No slots offered at the help desk in this period.</source>
        <translation>Tällä jaksolla ei ole tarjottu aikoja verkkoneuvonnassa.</translation>
    </message>
    <message>
        <source>The help desk slots could not be read: {reason}</source>
        <translation>Verkkoneuvonnan aikoja ei voitu lukea: {reason}</translation>
    </message>
    <message>
        <source>Slot offered: {when}. People can book it on the help desk once this device syncs.</source>
        <translation>Aika tarjottu: {when}. Sen voi varata verkkoneuvonnassa, kun tämä laite on synkronoinut.</translation>
    </message>
    <message>
        <source>Slot withdrawn: {when}.</source>
        <translation>Aikaa ei enää tarjota: {when}.</translation>
    </message>
    <message>
        <source>Slot removed: {when}.</source>
        <translation>Aika poistettu: {when}.</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>Ei muutettu: {reason}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Decision</source>
        <translation>Ratkaisu</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Uusi</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Poistettu</translation>
    </message>
    <message>
        <source>Changed: {fields}</source>
        <translation>Muutettu: {fields}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Synkronoinnin tila</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synkronoi nyt</translation>
    </message>
    <message>
        <source>Send and receive changes now (F5)</source>
        <translation>Lähetä ja vastaanota muutokset nyt (F5)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synkronoi nyt</translation>
    </message>
    <message>
        <source>What needs attention</source>
        <translation>Mikä vaatii huomiota</translation>
    </message>
    <message>
        <source>This profile works offline only: its records stay on this computer and are never sent anywhere.</source>
        <translation>Tätä profiilia käytetään vain tällä tietokoneella: sen tietoja ei lähetetä minnekään.</translation>
    </message>
    <message>
        <source>Records with conflicts</source>
        <translation>Ristiriitaiset tiedot</translation>
    </message>
    <message>
        <source>No conflicts: nothing to decide.</source>
        <translation>Ei ristiriitoja: ei mitään päätettävää.</translation>
    </message>
    <message>
        <source>Changes the service refused</source>
        <translation>Palvelun hylkäämät muutokset</translation>
    </message>
    <message>
        <source>The service accepted every change sent from this computer.</source>
        <translation>Palvelu hyväksyi kaikki tältä tietokoneelta lähetetyt muutokset.</translation>
    </message>
    <message>
        <source>&amp;Discard my change</source>
        <translation>&amp;Hylkää muutokseni</translation>
    </message>
    <message>
        <source>Forget this change; the record stays as the service has it</source>
        <translation>Unohda tämä muutos; tieto jää sellaiseksi kuin se on palvelussa</translation>
    </message>
    <message>
        <source>Try a&amp;gain</source>
        <translation>&amp;Yritä uudelleen</translation>
    </message>
    <message>
        <source>Send the change again, e.g. after you were given access</source>
        <translation>Lähetä muutos uudelleen, esimerkiksi kun olet saanut käyttöoikeuden</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>Lähettämistä odottavat muutokset</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Milloin</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Tieto</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tyyppi</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Muutos</translation>
    </message>
    <message>
        <source>&amp;Conflicts ({n})</source>
        <translation>&amp;Ristiriidat ({n})</translation>
    </message>
    <message>
        <source>&amp;Refused changes ({n})</source>
        <translation>Hylä&amp;tyt muutokset ({n})</translation>
    </message>
    <message>
        <source>&amp;Waiting to be sent ({n})</source>
        <translation>&amp;Odottaa lähettämistä ({n})</translation>
    </message>
    <message>
        <source>The list could not be read: {reason}</source>
        <translation>Luetteloa ei voitu lukea: {reason}</translation>
    </message>
    <message>
        <source>This computer has not synced with the service yet.</source>
        <translation>Tätä tietokonetta ei ole vielä synkronoitu palvelun kanssa.</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>Viimeisin onnistunut synkronointi: {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent or received</source>
        <translation>
            <numerusform>%n tieto lähetetty tai vastaanotettu</numerusform>
            <numerusform>%n tietoa lähetetty tai vastaanotettu</numerusform>
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
hylätty {when}</translation>
    </message>
    <message>
        <source>New {what}: {record}</source>
        <translation>Uusi {what}: {record}</translation>
    </message>
    <message>
        <source>Change to {what}: {record}</source>
        <translation>Muutos ({what}): {record}</translation>
    </message>
    <message>
        <source>Deleting {what}: {record}</source>
        <translation>Poisto ({what}): {record}</translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation>Syy: {reason}</translation>
    </message>
    <message>
        <source>The service said: {message}</source>
        <translation>Palvelun viesti: {message}</translation>
    </message>
    <message>
        <source>You deleted this record; the service keeps it.</source>
        <translation>Poistit tämän tiedon; palvelu säilyttää sen.</translation>
    </message>
    <message>
        <source>What you entered:</source>
        <translation>Syöttämäsi tiedot:</translation>
    </message>
    <message>
        <source>What you changed:</source>
        <translation>Muuttamasi tiedot:</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>Hylätäänkö tämä muutos?</translation>
    </message>
    <message>
        <source>Your change to {record} will be forgotten for good. The record stays as the service has it.</source>
        <translation>Muutoksesi tietoon {record} unohdetaan pysyvästi. Tieto jää sellaiseksi kuin se on palvelussa.</translation>
    </message>
    <message>
        <source>The change was discarded.</source>
        <translation>Muutos hylättiin.</translation>
    </message>
    <message>
        <source>The change will be sent again with the next sync.</source>
        <translation>Muutos lähetetään uudelleen seuraavassa synkronoinnissa.</translation>
    </message>
    <message>
        <source>This record is no longer on this computer, so the change cannot be sent again. You can discard it.</source>
        <translation>Tätä tietoa ei enää ole tällä tietokoneella, joten muutosta ei voi lähettää uudelleen. Voit hylätä sen.</translation>
    </message>
    <message>
        <source>It did not work: {reason}</source>
        <translation>Toiminto ei onnistunut: {reason}</translation>
    </message>
    <message>
        <source>Nothing is waiting: every change made on this computer has reached the service.</source>
        <translation>Mitään ei odota: kaikki tällä tietokoneella tehdyt muutokset ovat perillä palvelussa.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent: {parts}.</source>
        <translation>
            <numerusform>%n muutos odottaa lähettämistä: {parts}.</numerusform>
            <numerusform>%n muutosta odottaa lähettämistä: {parts}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The oldest {n} are listed.</source>
        <translation>Luettelossa ovat {n} vanhinta.</translation>
    </message>
</context>
<context>
    <name>SyncReasons</name>
    <message>
        <source>You are not (or no longer) in the team this record belongs to.</source>
        <translation>Et kuulu (tai et enää kuulu) tiimiin, jolle tämä tieto kuuluu.</translation>
    </message>
    <message>
        <source>Your role does not allow this change: ask your coordinator.</source>
        <translation>Roolisi ei salli tätä muutosta: kysy esihenkilöltäsi.</translation>
    </message>
    <message>
        <source>The service no longer has this record: it was probably deleted by someone else.</source>
        <translation>Palvelussa ei enää ole tätä tietoa: joku muu on luultavasti poistanut sen.</translation>
    </message>
    <message>
        <source>The service already has a record with the same identity.</source>
        <translation>Palvelussa on jo tieto, jolla on sama tunniste.</translation>
    </message>
    <message>
        <source>The change breaks a rule of the record, see the service&apos;s message.</source>
        <translation>Muutos rikkoo tiedon sääntöä, katso palvelun viesti.</translation>
    </message>
    <message>
        <source>Case notes cannot be changed or deleted: add a new note that corrects it instead.</source>
        <translation>Asiakaskirjauksia ei voi muuttaa eikä poistaa: lisää sen sijaan uusi, korjaava kirjaus.</translation>
    </message>
    <message>
        <source>It refers to a record the service does not have, or that you may not see.</source>
        <translation>Se viittaa tietoon, jota palvelussa ei ole tai jota et saa nähdä.</translation>
    </message>
    <message>
        <source>The record needs a team, because you work in more than one.</source>
        <translation>Tieto tarvitsee tiimin, koska työskentelet useammassa kuin yhdessä.</translation>
    </message>
    <message>
        <source>This person&apos;s data was erased at the organisation&apos;s request: nothing may bring it back.</source>
        <translation>Tämän henkilön tiedot poistettiin organisaation pyynnöstä: mikään ei voi palauttaa niitä.</translation>
    </message>
    <message>
        <source>The service refused it ({reason}).</source>
        <translation>Palvelu hylkäsi sen ({reason}).</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Syncing {done} of {total}</source>
        <translation>Synkronoidaan: {done}/{total}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkronoidaan…</translation>
    </message>
    <message>
        <source>Offline: your work is kept on this computer</source>
        <translation>Ei yhteyttä: työsi säilyy tällä tietokoneella</translation>
    </message>
    <message>
        <source>Sync error: {reason}</source>
        <translation>Synkronointivirhe: {reason}</translation>
    </message>
    <message>
        <source>Prossimo needs an update to sync: {reason}</source>
        <translation>Prossimo on päivitettävä, jotta synkronointi toimii: {reason}</translation>
    </message>
    <message>
        <source>Not connected to a service yet</source>
        <translation>Ei vielä yhdistetty palveluun</translation>
    </message>
    <message>
        <source>This computer was wiped: {reason}</source>
        <translation>Tämän tietokoneen tiedot on tyhjennetty: {reason}</translation>
    </message>
    <message>
        <source>Up to date at {time}</source>
        <translation>Ajan tasalla: {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ei vielä synkronoitu</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n ristiriita ratkaistavana</numerusform>
            <numerusform>%n ristiriitaa ratkaistavana</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n muutos odottaa</numerusform>
            <numerusform>%n muutosta odottaa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n muutos hylätty</numerusform>
            <numerusform>%n muutosta hylätty</numerusform>
        </translation>
    </message>
    <message>
        <source>this computer&apos;s clock is off by {s:+.0f} s</source>
        <translation>tämän tietokoneen kello heittää {s:+.0f} s</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>contact</source>
        <translation>asiakas</translation>
    </message>
    <message>
        <source>relationship</source>
        <translation>suhde</translation>
    </message>
    <message>
        <source>consent</source>
        <translation>suostumus</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>tapaaminen</translation>
    </message>
    <message>
        <source>service in the directory</source>
        <translation>hakemiston palvelu</translation>
    </message>
    <message>
        <source>case note</source>
        <translation>asiakaskirjaus</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>ohjaus palveluun</translation>
    </message>
    <message>
        <source>help-desk request</source>
        <translation>yhteydenottopyyntö</translation>
    </message>
    <message>
        <source>help-desk time slot</source>
        <translation>neuvonnan aika</translation>
    </message>
    <message>
        <source>conflict decision</source>
        <translation>ristiriidan ratkaisu</translation>
    </message>
    <message>
        <source>outreach shift</source>
        <translation>katutyön vuoro</translation>
    </message>
    <message>
        <source>outreach encounter</source>
        <translation>katutyön kohtaaminen</translation>
    </message>
    <message>
        <source>supply item</source>
        <translation>tarvike</translation>
    </message>
    <message>
        <source>stock movement</source>
        <translation>varastotapahtuma</translation>
    </message>
    <message>
        <source>Contact: {n}</source>
        <translation>Asiakkaita: {n}</translation>
    </message>
    <message>
        <source>Relationship: {n}</source>
        <translation>Suhteita: {n}</translation>
    </message>
    <message>
        <source>Consent: {n}</source>
        <translation>Suostumuksia: {n}</translation>
    </message>
    <message>
        <source>Appointment: {n}</source>
        <translation>Tapaamisia: {n}</translation>
    </message>
    <message>
        <source>Directory service: {n}</source>
        <translation>Hakemiston palveluja: {n}</translation>
    </message>
    <message>
        <source>Case note: {n}</source>
        <translation>Asiakaskirjauksia: {n}</translation>
    </message>
    <message>
        <source>Referral: {n}</source>
        <translation>Ohjauksia: {n}</translation>
    </message>
    <message>
        <source>Help-desk request: {n}</source>
        <translation>Yhteydenottopyyntöjä: {n}</translation>
    </message>
    <message>
        <source>Help-desk time slot: {n}</source>
        <translation>Neuvonnan ajat: {n}</translation>
    </message>
    <message>
        <source>Conflict decision: {n}</source>
        <translation>Ristiriitojen ratkaisuja: {n}</translation>
    </message>
    <message>
        <source>Outreach shift: {n}</source>
        <translation>Katutyön vuoro: {n}</translation>
    </message>
    <message>
        <source>Outreach encounter: {n}</source>
        <translation>Katutyön kohtaaminen: {n}</translation>
    </message>
    <message>
        <source>Supply item: {n}</source>
        <translation>Tarvike: {n}</translation>
    </message>
    <message>
        <source>Stock movement: {n}</source>
        <translation>Varastotapahtuma: {n}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Laji</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Etunimi</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Sukunimi</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Nimimerkki</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Syntymävuosi</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Name or nickname</source>
        <translation>Nimi tai lempinimi</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Pyyntö</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Suhde</translation>
    </message>
    <message>
        <source>Kind of note</source>
        <translation>Merkinnän laji</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kunta</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Toivottu kieli</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tunnisteet</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tiimi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Keneltä</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kenelle</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Huomautus</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Asiakas</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Tarkoitus</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Laajuus</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Vastaanottajat</translation>
    </message>
    <message>
        <source>How it was given</source>
        <translation>Miten annettu</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Annettu</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Vanhenee</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Peruttu</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Henkilöt</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Työntekijä</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Alkaa</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Päättyy</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Paikka</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sijainti</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Lopputulos</translation>
    </message>
    <message>
        <source>Reminder (minutes before)</source>
        <translation>Muistutus (minuuttia ennen)</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisaatio</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Kuvaus</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Luokat</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Avainsanat</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Puhelinnumerot</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Verkkosivu</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Aukioloajat</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Kuka voi käyttää</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Kielet</translation>
    </message>
    <message>
        <source>Last checked on</source>
        <translation>Tarkistettu viimeksi</translation>
    </message>
    <message>
        <source>Organisation code (HSDS)</source>
        <translation>Organisaation tunnus (HSDS)</translation>
    </message>
    <message>
        <source>Service code (HSDS)</source>
        <translation>Palvelun tunnus (HSDS)</translation>
    </message>
    <message>
        <source>Location code (HSDS)</source>
        <translation>Toimipisteen tunnus (HSDS)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Teksti</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Milloin</translation>
    </message>
    <message>
        <source>Corrected note</source>
        <translation>Korjattu merkintä</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Suostumus</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Syy</translation>
    </message>
    <message>
        <source>How to reply</source>
        <translation>Miten vastata</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>Vastaus osoitteeseen</translation>
    </message>
    <message>
        <source>Preferred times</source>
        <translation>Toivotut ajat</translation>
    </message>
    <message>
        <source>Time chosen</source>
        <translation>Valittu aika</translation>
    </message>
    <message>
        <source>Reply to the person</source>
        <translation>Vastaus henkilölle</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Tapa</translation>
    </message>
    <message>
        <source>Where or how</source>
        <translation>Missä tai miten</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Saatavuus</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>Agreed to be contacted</source>
        <translation>Suostuu yhteydenottoon</translation>
    </message>
    <message>
        <source>May say who it is from</source>
        <translation>Saa kertoa, keneltä viesti on</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Vastaanotettu</translation>
    </message>
    <message>
        <source>Reference code</source>
        <translation>Viitekoodi</translation>
    </message>
    <message>
        <source>Closing days and other hours</source>
        <translation>Sulkemispäivät ja poikkeavat aukioloajat</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Hylkäyksen syy</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>Paikka</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postinumero</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Alue</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Maa</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Leveysaste</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Pituusaste</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Päivä</translation>
    </message>
    <message>
        <source>Opens at</source>
        <translation>Avautuu</translation>
    </message>
    <message>
        <source>Closes at</source>
        <translation>Sulkeutuu</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Tietueen tunnus</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Luotu</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Viimeksi muutettu</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Toistuu</translation>
    </message>
    <message>
        <source>Repeats every</source>
        <translation>Toistuu joka</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Päättyy</translation>
    </message>
    <message>
        <source>Number of meetings</source>
        <translation>Tapaamisten määrä</translation>
    </message>
    <message>
        <source>Skipped meetings</source>
        <translation>Väliin jätetyt tapaamiset</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Kirjoittaja</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Arvo</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Päätös</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Ristiriita</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Rivi</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Palveluhakemisto</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Poistettu</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Tekijä</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Laite</translation>
    </message>
    <message>
        <source>Version on the service</source>
        <translation>Versio palvelussa</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tyhjä)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Kyllä</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Ei</translation>
    </message>
    <message>
        <source>another team</source>
        <translation>toinen tiimi</translation>
    </message>
    <message>
        <source>a linked record</source>
        <translation>linkitetty tieto</translation>
    </message>
    <message>
        <source>{field} of {record}</source>
        <translation>{field}: {record}</translation>
    </message>
    <message>
        <source>request from {alias}</source>
        <translation>yhteydenotto: {alias}</translation>
    </message>
    <message>
        <source>appointment {time}</source>
        <translation>tapaaminen {time}</translation>
    </message>
    <message>
        <source>{what} about {people}</source>
        <translation>{what}: {people}</translation>
    </message>
    <message>
        <source>a {what} no longer on this computer</source>
        <translation>{what}, ei enää tällä tietokoneella</translation>
    </message>
    <message>
        <source>a {what} without a name</source>
        <translation>{what} ilman nimeä</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>Calendar grid</source>
        <translation>Kalenteriruudukko</translation>
    </message>
    <message>
        <source>{when}: {appointment}</source>
        <translation>{when}: {appointment}</translation>
    </message>
    <message>
        <source>{when}: free</source>
        <translation>{when}: vapaa</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Low stock</source>
        <translation>Varasto vähissä</translation>
    </message>
    <message>
        <source>Street &amp;outreach</source>
        <translation>&amp;Katutyö</translation>
    </message>
    <message>
        <source>Appointments today</source>
        <translation>Tämän päivän tapaamiset</translation>
    </message>
    <message>
        <source>Nothing booked today.</source>
        <translation>Ei tapaamisia tänään.</translation>
    </message>
    <message>
        <source>Appointments tomorrow</source>
        <translation>Huomisen tapaamiset</translation>
    </message>
    <message>
        <source>Nothing booked tomorrow.</source>
        <translation>Ei tapaamisia huomenna.</translation>
    </message>
    <message>
        <source>Open &amp;requests</source>
        <translation>Avaa &amp;pyynnöt</translation>
    </message>
    <message>
        <source>New requests from the help desk</source>
        <translation>Uudet yhteydenottopyynnöt</translation>
    </message>
    <message>
        <source>No new requests.</source>
        <translation>Ei uusia pyyntöjä.</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Seurattavat asiat</translation>
    </message>
    <message>
        <source>Nothing to follow up.</source>
        <translation>Ei seurattavaa.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Ladataan…</translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation>Synkronoimattomat muutokset</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynkronoi nyt</translation>
    </message>
    <message>
        <source>Today&apos;s overview could not be read: {reason}</source>
        <translation>Tämän päivän yhteenvetoa ei voitu lukea: {reason}</translation>
    </message>
    <message>
        <source>Appointments &amp;today ({n})</source>
        <translation>&amp;Tämän päivän tapaamiset ({n})</translation>
    </message>
    <message>
        <source>Appointments to&amp;morrow, {date} ({n})</source>
        <translation>&amp;Huomisen tapaamiset, {date} ({n})</translation>
    </message>
    <message>
        <source>&amp;New requests from the help desk ({n})</source>
        <translation>&amp;Uudet yhteydenottopyynnöt ({n})</translation>
    </message>
    <message>
        <source>&amp;Follow-ups ({n})</source>
        <translation>&amp;Seurattavat asiat ({n})</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n muutos synkronoimatta</numerusform>
            <numerusform>%n muutosta synkronoimatta</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkronoidaan…</translation>
    </message>
    <message>
        <source>No changes waiting.</source>
        <translation>Ei odottavia muutoksia.</translation>
    </message>
    <message>
        <source>All changes are synced.</source>
        <translation>Kaikki muutokset on synkronoitu.</translation>
    </message>
    <message>
        <source>received {date} {time}</source>
        <translation>saapunut {date} klo {time}</translation>
    </message>
    <message>
        <source>a contact</source>
        <translation>asiakas</translation>
    </message>
    <message>
        <source>Record the outcome: {date} {time} · {name} · {place}</source>
        <translation>Kirjaa lopputulos: {date} {time} · {name} · {place}</translation>
    </message>
    <message>
        <source>Consent of {name} for {purpose} expires on {date}</source>
        <translation>Suostumus ({name}, {purpose}) vanhenee {date}</translation>
    </message>
    <message>
        <source>Referral of {name} to {service}: no answer since {date}</source>
        <translation>Ohjaus ({name} → {service}): ei vastausta {date} lähtien</translation>
    </message>
    <message>
        <source>a service</source>
        <translation>palvelu</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Prossimo is locked</source>
        <translation>Prossimo on lukittu</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Tunnuslause:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Tunnuslause</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Avaa</translation>
    </message>
    <message>
        <source>Type your passphrase, then press Enter.</source>
        <translation>Kirjoita tunnuslauseesi ja paina Enter.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Avataan…</translation>
    </message>
    <message>
        <source>That passphrase is not right. Check Caps Lock and try again.</source>
        <translation>Tunnuslause ei ole oikein. Tarkista Caps Lock ja yritä uudelleen.</translation>
    </message>
    <message>
        <source>Please wait {s} seconds.</source>
        <translation>Odota {s} sekuntia.</translation>
    </message>
    <message>
        <source>This data was written by a newer Prossimo. Install the newer version; nothing was changed.</source>
        <translation>Nämä tiedot on tallentanut uudempi Prossimo-versio. Asenna uudempi versio; mitään ei muutettu.</translation>
    </message>
    <message>
        <source>The encrypted data on this computer is damaged or incomplete, so it cannot be opened. Nothing was deleted. Call your IT contact and do not reinstall before they have looked at it.</source>
        <translation>Tämän tietokoneen salatut tiedot ovat vioittuneet tai puutteelliset, joten niitä ei voi avata. Mitään ei poistettu. Soita IT-tukeen äläkä asenna ohjelmaa uudelleen ennen kuin tiedot on tarkistettu.</translation>
    </message>
    <message>
        <source>Prossimo could not open your data: {error}</source>
        <translation>Prossimo ei voinut avata tietojasi: {error}</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Update available</source>
        <translation>Päivitys saatavilla</translation>
    </message>
    <message>
        <source>Update check refused: the {check} check failed</source>
        <translation>Päivitysten tarkistus hylättiin: {check}tarkistus epäonnistui</translation>
    </message>
    <message>
        <source>Update {version} available</source>
        <translation>Päivitys {version} saatavilla</translation>
    </message>
    <message>
        <source>Prossimo update</source>
        <translation>Prossimon päivitys</translation>
    </message>
    <message>
        <source>Prossimo {version} is available.</source>
        <translation>Prossimo {version} on saatavilla.</translation>
    </message>
    <message>
        <source>What it fixes: {notes}</source>
        <translation>Mitä se korjaa: {notes}</translation>
    </message>
    <message>
        <source>Prossimo downloads it and checks it against your organisation&apos;s signatures. It never installs it by itself.</source>
        <translation>Prossimo lataa sen ja tarkistaa sen organisaatiosi allekirjoituksia vasten. Se ei koskaan asenna sitä itse.</translation>
    </message>
    <message>
        <source>&amp;Download and verify</source>
        <translation>&amp;Lataa ja tarkista</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Myöhemmin</translation>
    </message>
    <message>
        <source>The update was downloaded and verified: {path}

Prossimo does not install it by itself: close Prossimo and open that file, or ask your IT staff.</source>
        <translation>Päivitys ladattiin ja tarkistettiin: {path}

Prossimo ei asenna sitä itse: sulje Prossimo ja avaa tiedosto, tai pyydä apua IT-tuelta.</translation>
    </message>
    <message>
        <source>The update was refused: the {check} check failed. Nothing was installed.</source>
        <translation>Päivitys hylättiin: {check}tarkistus epäonnistui. Mitään ei asennettu.</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>allekirjoitus</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>tiiviste</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>voimassaolo</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versio</translation>
    </message>
    <message>
        <source>redirect</source>
        <translation>uudelleenohjaus</translation>
    </message>
    <message>
        <source>metadata</source>
        <translation>metatieto</translation>
    </message>
    <message>
        <source>download</source>
        <translation>lataus</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Prossimo</source>
        <translation>Tervetuloa Prossimoon</translation>
    </message>
    <message>
        <source>Prossimo keeps your contacts, appointments and notes encrypted on this computer. It works without internet, and shares your work with your organisation whenever a connection is there.</source>
        <translation>Prossimo säilyttää asiakkaasi, tapaamisesi ja kirjauksesi salattuina tällä tietokoneella. Se toimii ilman internetiä ja jakaa työsi organisaatiollesi aina, kun yhteys on käytettävissä.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Kieli:</translation>
    </message>
    <message>
        <source>&amp;Connect to my organisation&apos;s service</source>
        <translation>&amp;Yhdistä organisaationi palveluun</translation>
    </message>
    <message>
        <source>Use Prossimo &amp;offline only, on this computer</source>
        <translation>Käytä Prossimoa vain tällä tietokoneella, &amp;ilman verkkoyhteyttä</translation>
    </message>
    <message>
        <source>Offline only: nothing leaves this computer. You can connect it to your organisation later, in Settings.</source>
        <translation>Vain tällä tietokoneella: mitään ei lähetetä muualle. Voit yhdistää sen organisaatioosi myöhemmin asetuksissa.</translation>
    </message>
</context>
<context>
    <name>_BookingAnswer</name>
    <message>
        <source>{alias} chose: {slot}. Reference {reference}.</source>
        <translation>{alias} valitsi: {slot}. Viite {reference}.</translation>
    </message>
    <message>
        <source>Message to the person</source>
        <translation>Viesti henkilölle</translation>
    </message>
    <message>
        <source>&amp;Message to the person:</source>
        <translation>V&amp;iesti henkilölle:</translation>
    </message>
</context>
<context>
    <name>_ConflictRow</name>
    <message>
        <source>From this computer, sent at {time}</source>
        <translation>Tältä tietokoneelta, lähetetty {time}</translation>
    </message>
    <message>
        <source>From your other device, sent at {time}</source>
        <translation>Toiselta laitteeltasi, lähetetty {time}</translation>
    </message>
    <message>
        <source>From a colleague&apos;s device, sent at {time}</source>
        <translation>Kollegan laitteelta, lähetetty {time}</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Tällä tietokoneella</translation>
    </message>
    <message>
        <source>{field} on this computer</source>
        <translation>{field} tällä tietokoneella</translation>
    </message>
    <message>
        <source>{field}: {heading}</source>
        <translation>{field}: {heading}</translation>
    </message>
    <message>
        <source>Keep the &amp;saved value</source>
        <translation>Säilytä &amp;tallennettu arvo</translation>
    </message>
    <message>
        <source>Keep &amp;my change</source>
        <translation>Säilytä &amp;oma muutokseni</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Säilytä &amp;oma</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Säilytä &amp;toinen</translation>
    </message>
    <message>
        <source>Keep the value on this computer for {field}</source>
        <translation>Säilytä tämän tietokoneen arvo kentälle {field}</translation>
    </message>
    <message>
        <source>Keep the other value for {field}</source>
        <translation>Säilytä toinen arvo kentälle {field}</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Muokkaa…</translation>
    </message>
    <message>
        <source>Type another value for {field}</source>
        <translation>Kirjoita toinen arvo kentälle {field}</translation>
    </message>
    <message>
        <source>This kind of field cannot be typed here: keep one of the two values, then change the record itself if needed.</source>
        <translation>Tällaista kenttää ei voi kirjoittaa tässä: säilytä toinen arvoista ja muuta tarvittaessa itse tietoa.</translation>
    </message>
    <message>
        <source>New value for {field}</source>
        <translation>Uusi arvo kentälle {field}</translation>
    </message>
    <message>
        <source>Separate the items with commas</source>
        <translation>Erottele kohdat pilkuilla</translation>
    </message>
    <message>
        <source>&amp;Save this value</source>
        <translation>T&amp;allenna tämä arvo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Type a value, or keep one of the two above</source>
        <translation>Kirjoita arvo tai säilytä toinen yllä olevista</translation>
    </message>
    <message>
        <source>Type a whole number</source>
        <translation>Kirjoita kokonaisluku</translation>
    </message>
</context>
<context>
    <name>_WritingDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Tallenna</translation>
    </message>
    <message>
        <source>This could not be saved. Please try again.</source>
        <translation>Tallentaminen ei onnistunut. Yritä uudelleen.</translation>
    </message>
</context>
</TS>
