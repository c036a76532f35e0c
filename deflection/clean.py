"""Ticket text cleaning and PII redaction.

:func:`clean` keeps what the customer asked. A ticket's text fields (subject, body) are cleaned one by one
(readers join them with :data:`FIELD_BREAK`): the subject loses its reply/forward prefixes ("Re:", "AW:", "RV:"),
help-desk tags ("[Parcelo Go]") and is dropped when the help desk wrote it ("Chat with Jane Doe", "Automatic reply:
...") or when the body repeats it; a body is turned into text when it is HTML (real structure: ``<p>``, ``<br>``,
``<div>`` ...; a customer who types ``<script>`` in plain text keeps those words), loses chat-transcript scaffolding
(timestamps, "Chat started", the agent's lines, "Visitor:" prefixes), quoted replies ("On Mon, ... wrote:", ``>``
lines, forwarded/original messages), signatures (``--``, "Sent from my iPhone", "Best regards, Jane", "Un saludo"),
greetings ("Hi team,", "Hola equipo,", "Buenos días,") and stock filler sentences ("Thanks in advance for your
help.", "Bit of a silly question maybe.", "I looked through the FAQ but couldn't find an answer.") in English,
Spanish, German, French and Portuguese.

:func:`asks_nothing` tells a ticket that asks nothing from one that asks something: a thank-you ("Thank you, that
worked!"), an auto-reply ("I am out of the office until Monday ...") or a chaser ("Still waiting for an answer on
this one...") is left out of the analysis, with its own reason, instead of landing in a topic.

:func:`redact` (:mod:`helpkit.redact`, shared with the questions file) replaces personal data with placeholders,
in every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from helpkit.redact import iban_ok, luhn_ok, redact

__all__ = ["FIELD_BREAK", "NOTHING_ASKED", "asks_nothing",
           "clean", "clean_and_judge", "clean_body", "clean_subject", "html_to_text", "iban_ok", "is_html", "luhn_ok",
           "redact", "strip_subject_prefix"]

# --- HTML --------------------------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "pre", "hr", "section", "article", "header", "footer"}
_SKIP_TAGS = {"script", "style", "head", "title"}


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: blocks become lines, ``<script>``/``<style>`` and quoted ``<blockquote>`` dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS or tag == "blockquote" or any(
            k == "class" and v and ("gmail_quote" in v or "quote" in v.split()) for k, v in attrs
        ):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS or tag == "blockquote":
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_HTML_STRUCTURE = re.compile(
    r"<(?:p|br|div|span|font|li|ul|ol|table|tbody|thead|tr|td|th|blockquote|h[1-6]|hr|html|body|head|meta|img|"
    r"pre|center|a\s[^<>]*\bhref)\b[^<>]*/?>|</(?:p|div|span|font|li|ul|ol|table|tr|td|blockquote|h[1-6]|html|body|a)>",
    re.IGNORECASE,
)
"""Tags that only an HTML body has (paragraphs, line breaks, blocks, links): a plain-text ticket in which a
customer typed ``<script>`` or ``<b>`` has none of them and is kept as text."""
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def is_html(text: str) -> bool:
    """Whether a ticket field is an HTML body (it has real HTML structure), not plain text that mentions a tag."""
    return "<" in text and _HTML_STRUCTURE.search(text) is not None


def html_to_text(text: str) -> str:
    """Plain text of a ticket body: an HTML body (see :func:`is_html`) is turned into text, ``<script>``/``<style>``
    and quoted blocks dropped; plain text passes through with its character references decoded."""
    if not is_html(text):
        return unescape(text) if _ENTITY.search(text) else text
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


# --- fields ------------------------------------------------------------------------------------------------------

FIELD_BREAK = "\n\u2029\n"
"""Joins a ticket's text fields (subject first, then body) in :attr:`Ticket.text`, so that :func:`clean` can clean
each on its own; it reads as a blank line. Field values never contain it (readers turn U+2029 into a newline)."""

_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|rv|tr|sv|vs|antw|odp|res|enc|rif|r)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*|"
    r"\[[^\[\]\n]{1,40}\]\s*[:-]?\s*)+",
    re.IGNORECASE,
)
"""Reply/forward prefixes of mail clients in many languages ("Re:", "Fwd:", "AW:", "WG:", "RV:", "TR:", "SV:"),
and help-desk tags ("[Parcelo Go]", "[Ticket #123]"), repeated."""
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:"
    r"(?:chat|live chat|conversation|conversación|chat en vivo|unterhaltung|discussion|conversa|call|llamada|anruf|"
    r"appel|chamada|whatsapp|messenger|sms)\s+(?:with|con|mit|avec|com)\s+.{1,80}|"
    r"(?:offline message|missed chat|missed call|new message|message|voicemail|call|text message|mensaje|"
    r"nachricht|sprachnachricht|appel manqué|mensagem)\s+(?:from|de|von|da|do)\s+.{1,80}|"
    r"(?:automatic reply|auto-?reply|auto-?response|automatic response|out of office|ooo|"
    r"respuesta automática|fuera de la oficina|réponse automatique|absence|automatische antwort|"
    r"abwesenheitsnotiz|resposta automática|fora do escritório)\b.*|"
    r"\(?(?:no subject|without subject|untitled|sin asunto|sin título|sans objet|sans sujet|sem assunto|"
    r"kein betreff|ohne betreff)\)?|"
    r"(?:a )?(?:question|problem|issue|query|inquiry|enquiry|help) (?:about|with|regarding|on|for) (?:my|our|the) "
    r"(?:account|order|delivery|invoice)|(?:eine )?(?:frage|problem|anfrage) (?:zu|zur|zum|bezüglich|wegen) "
    r"(?:meiner|meinem|meines|ihrer|ihrem|der|dem|unserer) (?:bestellung|lieferung|konto|kundenkonto|rechnung)|"
    r"(?:une )?(?:question|problème|demande) (?:sur|concernant|à propos de) (?:ma|mon|la|le) (?:commande|compte|"
    r"livraison|facture)|"
    r"(?:your |my |our |ihre |meine |unsere |votre |ma |su |mi )?(?:order|bestellung|auftrag|commande|pedido|"
    r"encomenda)\s*(?:#|no\.?|nr\.?|n°)?\s*[\w-]*\d[\w-]*|"
    r"(?:una )?(?:pregunta|consulta|duda|problema) (?:sobre|con) (?:mi|la) cuenta|"
    r"(?:uma )?(?:pergunta|dúvida|problema) (?:sobre|com) (?:a )?minha conta|"
    r"(?:new |nuevo |neues |nouveau |novo )?(?:ticket|request|support request|conversation|chat|inquiry|enquiry|"
    r"contact form|web form|form submission|question|help|issue|problem|urgent|query|support|solicitud|pregunta|"
    r"consulta|ayuda|problema|duda|soporte|anfrage|frage|hilfe|problem|demande|question|aide|problème|assistance|"
    r"pedido|dúvida|ajuda|suporte)(?:\s*(?:#|no\.?|nr\.?)?\s*\d+)?"
    r"(?:\s+(?:from|de|von)\s+.{1,80})?[?!.:]*"
    r")\s*$",
    re.IGNORECASE,
)
"""Subjects a help desk or mail client writes, not the customer ("Chat with Jane Doe", "Automatic reply: ...",
"Offline message from ...", "Ticket #123", "(no subject)", "Sin asunto"), and generic ones ("Question",
"Problema", "Help", "Question about my account"): they say nothing about the subject of the ticket."""


def clean_subject(subject: str) -> str:
    """A ticket's subject without reply/forward prefixes and help-desk tags; ``""`` when the help desk wrote it or
    it is only a greeting."""
    s = _WS.sub(" ", html_to_text(subject).replace("\n", " ")).strip()
    s = _SUBJECT_PREFIX.sub("", s).strip()
    if not s or _AUTO_SUBJECT.match(s) or _GREETING.match(s):
        return ""
    return s


def strip_subject_prefix(text: str) -> str:
    """``text`` without leading reply/forward prefixes ("Re:", "Fwd:", "AW:" ...) and help-desk tags."""
    return _SUBJECT_PREFIX.sub("", text, count=1).lstrip()


def _repeats(subject: str, body: str) -> bool:
    """Whether the body already says the subject (chat and messenger exports copy the first message into it)."""
    s = re.sub(r"[\W_]+", " ", subject.casefold()).strip().rstrip(".…")
    b = re.sub(r"[\W_]+", " ", body.casefold()).strip()
    return len(s) >= 12 and b.startswith(s.rstrip("… ").strip())


# --- chat transcripts --------------------------------------------------------------------------------------------

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_STAMP = (
    rf"(?:[(\[]\s*(?:\d{{4}}-\d{{2}}-\d{{2}}[ T]|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}},?\s+)?"
    rf"{_TIME}(?:\s*[A-Z]{{2,4}})?\s*[)\]]"
    rf"|(?:\d{{4}}-\d{{2}}-\d{{2}}[ T])?{_TIME}(?:\s*[A-Z]{{2,4}})?\s*(?:[-–|]\s*)?)"
)
_SPEAKER_LINE = re.compile(
    rf"^\s*(?P<stamp>{_STAMP})?\s*(?P<who>[^\W\d_][\w .'’&@-]{{0,40}}?(?:\s*\([^()\n]{{1,40}}\))?)\s*:\s+(?P<msg>.*)$"
)
_TRANSCRIPT_EVENT = re.compile(
    rf"^\s*(?:{_STAMP})?\s*\**\s*(?:"
    r"(?:chat|conversation|conversación|chat en vivo|unterhaltung|discussion|conversa|session)\s+"
    r"(?:started|ended|closed|transferred|accepted|began|assigned|iniciad[oa]|finalizad[oa]|gestartet|beendet|"
    r"commencée|terminée)\b.*|"
    r"(?:chat|live chat)?\s*transcript\b.*|"
    r"[^\n:]{1,60}?\s+(?:has\s+)?(?:joined|left|entered|ended|closed|rated|transferred)\s+(?:the\s+)?"
    r"(?:chat|conversation|session|room)\b.*|"
    r"[^\n:]{1,60}?\s+(?:se unió a la|salió de la|se unió al|salió del|ist dem|hat den|hat die|a rejoint la|"
    r"a rejoint le|a quitté la|a quitté le)\s+(?:chat|conversación|conversation|unterhaltung|discussion)\b.*|"
    rf"{_TIME}(?:\s*[A-Z]{{2,4}})?"
    r")\s*\**\s*$",
    re.IGNORECASE,
)
"""System lines of a chat transcript: "Chat started: 2026-10-06 02:18 PM UTC", "*** Sam joined the chat ***",
a bare timestamp."""
_BARE_EVENT = re.compile(
    rf"^\s*(?:{_STAMP}|\*+)\s*[^\n:*]{{1,40}}?\s+(?:has\s+)?(?:joined|left|entered)\s*[.!]?\s*\**\s*$", re.IGNORECASE)
"""A system line without its object, only in a transcript's dress (a timestamp or asterisks: "*** Sam left ***",
"[10:02] Sam joined"): "I left my wallet in the basket" is a customer's sentence."""
_CUSTOMER_ROLES = {"visitor", "customer", "client", "guest", "user", "you", "me", "end user", "cliente", "visitante",
                   "usuario", "kunde", "kundin", "besucher", "nutzer", "utilisateur", "visiteur", "usuário"}
_AGENT_ROLES = {"agent", "support", "bot", "assistant", "operator", "system", "admin", "staff", "agente", "soporte",
                "asistente", "mitarbeiter", "conseiller", "atendente", "suporte", "chatbot", "virtual assistant"}


def _strip_transcript(text: str) -> str:
    """The customer's own lines of a chat transcript (timestamps, system lines, agents' lines and speaker names
    removed); other text is returned as it is.

    A text is a transcript when it has a "Chat started"-like line or a timestamped "Name: ..." line, or two
    "Visitor:"/"Customer:" lines. The customer is the speaker with a customer role name ("Visitor", "Customer"),
    else the first speaker who is not staff (agents have a role name or a company in brackets: "Sam (Parcelo)")."""
    lines = text.split("\n")
    events = [bool(_TRANSCRIPT_EVENT.match(ln) or _BARE_EVENT.match(ln)) and bool(ln.strip()) for ln in lines]
    speakers = [None if event else _SPEAKER_LINE.match(ln) for ln, event in zip(lines, events, strict=True)]
    role_lines = sum(1 for m in speakers if m and _role(m.group("who")) is not None)
    stamped = sum(1 for m in speakers if m and m.group("stamp"))
    if not (any(events) or stamped or role_lines >= 2):
        return text
    staff = {_name(m) for m in speakers if m and (_role(m.group("who")) == "agent" or _AGENT_SAYS.search(m["msg"]))}
    customer = next((_name(m) for m in speakers if m and _role(m.group("who")) == "customer"), None)
    if customer is None:
        customer = next((_name(m) for m in speakers if m and _name(m) not in staff and _role(m["who"]) is None), None)
    out: list[str] = []
    keep = True
    for ln, event, m in zip(lines, events, speakers, strict=True):
        if event:
            continue
        if m and (m.group("stamp") or _role(m.group("who")) is not None or _name(m) == customer):
            keep = customer is None or _name(m) == customer
            if keep:
                out.append(m.group("msg"))
        elif keep:
            out.append(ln)
    return "\n".join(out)


_AGENT_SAYS = re.compile(
    r"\b(?:how (?:can|may) i (?:help|assist)|welcome to|thanks? (?:you )?for (?:contacting|reaching out|your patience|"
    r"waiting)|let me (?:check|have a look|look into)|you(?:'re| are) (?:now )?(?:chatting|connected) with|"
    r"en qué (?:puedo|le puedo|te puedo) ayudar|bienvenid[oa] a|wie kann ich (?:ihnen|dir) helfen|"
    r"comment puis-je vous aider|como posso (?:ajudar|te ajudar))\b",
    re.IGNORECASE,
)
"""What agents say in a chat and customers do not: tells the agent from the customer when names are all there is."""


def _name(m: re.Match[str]) -> str:
    return m.group("who").strip().casefold()


def _role(who: str) -> str | None:
    w = who.strip().casefold()
    if w in _CUSTOMER_ROLES:
        return "customer"
    if w in _AGENT_ROLES or "(" in w or w.split(" ", 1)[0] in _AGENT_ROLES:
        return "agent"
    return None


# --- quotes, signatures, greetings, filler -----------------------------------------------------------------------

_QUOTE_HEADER = re.compile(
    r"^\s*(?:"
    r"On\s.{0,200}\bwrote:|"  # On Mon, 1 Jan 2024, Jane <jane@x.com> wrote:
    r"Le\s.{0,200}\ba\s+écrit\s*:|"
    r"Am\s.{0,200}\bschrieb.{0,80}:|"
    r"El\s.{0,200}\bescribió\s*:|"
    r"Em\s.{0,200}\bescreveu\s*:|"
    r"-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|"
    r"Mensagem original)\s*-{2,}|"
    r"_{5,}|"
    r"From:\s.*|De\s*:\s.*|Von:\s.*"
    r")\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE = re.compile(
    r"^\s*(?:--\s*|—\s*|"
    r"Sent from my \w+.*|Sent from (?:Outlook|Mail|Yahoo Mail|Gmail)\b.*|Get Outlook for \w+.*|Enviado desde mi .*|"
    r"Enviado do meu .*|Envoyé de mon .*|Envoyé depuis .*|Von meinem .* gesendet|Gesendet von meinem .*|"
    r"Inviato da(?:l mio)? .*|Verzonden (?:vanaf|met) (?:mijn )?.*|Wysłane z .*|Skickat från .*|Sendt fra .*|"
    r"(?:Best|Kind|Warm|Many|Warmest|Kindest)?\s*(?:regards|wishes|thanks|thank you|cheers|sincerely)[,.!]?|"
    r"(?:Thanks|Thank you|Thx|Ty|Cheers|Regards|Sincerely|Best|Yours(?: truly| sincerely)?|Respectfully|"
    r"Saludos(?: cordiales)?|Un saludo(?: cordial)?|Atentamente|Gracias|Muchas gracias|Mil gracias|Cordialmente|"
    r"Cordialement|Bien (?:à vous|cordialement)|Merci(?: beaucoup)?|Bonne journée|"
    r"Mit freundlichen Grüßen|Freundliche Grüße|Viele Grüße|Beste Grüße|Liebe Grüße|Grüße|Gruß|Danke(?: schön)?|"
    r"Vielen Dank|LG|MfG|VG|"
    r"Obrigad[oa]|Atenciosamente|Abraços?|Cumprimentos|Att|"
    # Italian, Dutch, Polish, Turkish, Russian, Swedish, Danish and Norwegian
    r"(?:Cordiali|Distinti)? ?[Ss]aluti|Grazie(?: mille)?|Met vriendelijke groet(?:en)?|"
    r"(?:Vriendelijke )?[Gg]roet(?:en|jes)?|"
    r"Bedankt|Pozdrawiam|Z poważaniem|Dziękuję|Saygılarımla|Teşekkürler|С уважением|Спасибо|"
    r"Med vänliga hälsningar|Vänliga hälsningar|Hälsningar|Med venlig hilsen|Med vennlig hilsen|Vennlig hilsen|"
    r"Venlig hilsen|Hilsen|Mvh|Tack)"
    r"(?:\s+(?:so much|in advance|a lot|again|de antemano|por adelantado|d'avance|im Voraus|desde já))?[,.!]*"
    r")\s*$",
    re.IGNORECASE,
)
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*\.?)(?:[ -](?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*\.?)){0,2}"
"""A person's name as signed: one to three capitalized words ("Noah", "Anne-Marie", "Jo B.")."""
_SIGN_OFF_NAMED = re.compile(
    r"^\s*(?:(?:many |big )?(?:thanks|thank you|thx|cheers|regards|best regards|kind regards|best wishes|warm regards|"
    r"all the best|take care|best,|(?:kind |warm |best )?greetings|gracias|muchas gracias|saludos|un saludo|"
    r"merci|cordialement|danke|viele grüße|mfg|lg|vg|mit freundlichen grüßen|freundliche grüße|beste grüße|"
    r"liebe grüße|grüße|obrigad[oa]|abraços?|atenciosamente|cordiali saluti|saluti|grazie|groeten|groetjes|"
    r"met vriendelijke groet(?:en)?|pozdrawiam|z poważaniem|saygılarımla|с уважением|hälsningar|hilsen|mvh)"
    rf"(?: (?:so much|a lot|again|in advance|de antemano|d'avance|im voraus|desde já))?[,!.]*\s+{_NAME}[.!]?\s*$)",
    re.IGNORECASE,
)
"""A one-line sign-off with the customer's name ("Thanks, Noah", "cheers Jo", "Best, Anne", "Obrigado, Carla"):
the name is no part of the question. "Thanks for the help with my refund" is no sign-off ("for" is no name);
"Best" signs off only with its comma."""
_GREETING_WORDS = (
    r"hi|hiya|hello|hey|dear|(?:good )?(?:morning|afternoon|evening)|good day|greetings|howdy|to whom it may concern|"
    r"hola|buenos días|buenos dias|buen día|buenas(?: tardes| noches)?|estimad[oa]s?|querid[oa]s?|"
    r"bonjour|bonsoir|salut|coucou|cher|chère|chers|madame|monsieur|"
    r"hallo|guten (?:tag|morgen|abend)|sehr geehrte[rs]?|liebe[rs]?|moin|servus|grüß gott|"
    r"ciao|salve|olá|ola|oi|bom dia|boa (?:tarde|noite)|prezad[oa]s?|car[oa]s?"
)
_GREETING = re.compile(
    rf"^\s*(?:{_GREETING_WORDS})\b(?:\s+[^\W\d_][\w'’&@./-]*){{0,3}}\s*[,!:.]?\s*$", re.IGNORECASE)
"""A line that only greets: the greeting and up to three words of whom ("Hi Parcelo team,", "Dear Sir or Madam,");
"Hi, unlock not working" and "Hi I need help with my bike" say something."""
_GREETING_INLINE = re.compile(
    rf"^\s*(?:{_GREETING_WORDS})(?:(?:\s+(?:there|team|all|everyone|everybody|support|guys|folks|equipo|a todos|"
    r"todos|soporte|l'équipe|tout le monde|team|zusammen|equipe|pessoal|(?:sir|madam)(?:\s*(?:/|or)\s*(?:madam|sir))?|"
    r"[A-Z][\w'-]+(?: (?:team|support))?))?"
    # or no comma, the customer's sentence starting right after it ("hiya The cat has been gone a week")
    r"[,!]\s+|\s+(?=(?-i:[A-Z])(?-i:[a-z]*)\s+\w))",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"^(?:"
    # English
    r"(?:just )?(?:a )?quick question|(?:(?:a )?bit of |just )?an? (?:silly|stupid|dumb|basic|quick) question"
    r"(?: maybe| perhaps| probably| but| here)?|sorry if (?:this|it) (?:has been|was|is) asked before|"
    r"(?:sorry|apologies) if (?:this|it)(?:'s| is| was| sounds like) an? (?:silly|stupid|dumb|basic|obvious) "
    r"question|"
    r"sorry to bother you|(?:i )?hope (?:you|someone) can help(?: me)?|hoping (?:you|someone) can "
    r"(?:help|sort this out)(?: for me| me)?|i'?m (?:new|fairly new|quite new) to \w+(?: \w+)?|new to \w+ here|"
    r"first time writing in|(?:many )?thanks in advance(?: for (?:your|any) help)?|"
    r"thank you in advance(?: for (?:your|any) help)?|please advise|please help(?: me)?|"
    r"any (?:help|advice|ideas?) (?:would be |is )?(?:greatly |much |really )?appreciated|"
    r"(?:i'?d |i would |i )?appreciate (?:it|your help|any help)|"
    r"i (?:looked|searched|checked|had a look|went)(?: through| at| in| on)? (?:the |your )?"
    r"(?:faq|faqs|help ?cent(?:er|re)|docs|documentation|knowledge ?base|help articles)"
    r"(?:,? but (?:couldn'?t|could not|didn'?t|did not|can'?t|cannot) find (?:an answer|anything|it))?"
    r"(?: about this)?|i (?:couldn'?t|could not|can'?t|cannot) find anything (?:about this )?in the "
    r"(?:faq|faqs|help ?cent(?:er|re)|docs|documentation|knowledge ?base)|"
    r"(?:a )?screenshot(?:s)? (?:is |are )?attached|(?:please )?see (?:the )?attached(?: screenshot)?|"
    r"(?:i'?ve |i have )?attached a screenshot|let me know if you need (?:any )?more (?:details|info|information)|"
    r"(?:(?:i'?m )?sorry|excuse me|apologies|pardon me) for my (?:bad |poor |broken )?english|"
    r"(?:please )?(?:excuse|pardon|forgive) my (?:bad |poor |broken )?english|"
    r"english is not my (?:first|native|mother) (?:language|tongue)|"
    r"hope (?:that|this) makes sense|(?:(?:this|it) is |it'?s )?(?:quite |very |really )?urgent(?: please)?|"
    r"(?:this|it|that) is (?:really |so |very |extremely |quite |getting )?(?:frustrating|annoying|ridiculous|"
    r"unacceptable|infuriating)|(?:it'?s|that'?s) (?:really |so |very |extremely |quite |getting )?(?:frustrating|"
    r"annoying|ridiculous|unacceptable|infuriating)|i'?m (?:really |so |very |getting )?(?:frustrated|annoyed|"
    r"fed up)(?: now)?|please hurry(?: up)?|(?:please )?(?:reply|respond|answer) (?:asap|quickly|soon)(?: please)?|"
    r"need this sorted asap|asap please|happy to jump on a call(?: if easier| if that'?s easier)?|"
    r"can (?:someone|somebody|you) (?:please )?get back to me(?: today| asap| soon)?(?: please)?|"
    r"(?:many )?thanks(?: a lot| so much)?|thank you(?: so much)?|cheers|"
    # how long and how happily they have been customers, which names nothing they ask about
    r"(?:we|i)(?:'ve| have)? (?:been )?(?:used|using|with) [\w' -]{1,30}? for (?:\d+|a|a few|a couple of|several|many|"
    r"two|three|four|five|six|over (?:a|\d+)|almost (?:a|\d+)) (?:years?|months?)(?: now)?(?:,? (?:without|with no) "
    r"(?:any )?(?:issues?|problems?)| and (?:love|loved|like|liked) it)?|"
    r"(?:we|i) (?:really )?(?:love|like) (?:the|your) (?:app|product|service|software|tool)(?: so far)?|"
    r"(?:long[- ]time|loyal|happy) (?:user|customer)(?: here)?|(?:a )?big fan of (?:the|your) (?:app|product|service)|"
    # the effort before writing in, which names nothing ("I looked in the settings but couldn't find it")
    r"i(?:'?ve| have)? (?:looked|searched|checked|had a look)(?: everywhere| (?:in|through|at) (?:the |my )?"
    r"(?:settings|app|menu|dashboard|account))?(?:,? but (?:couldn'?t|could not|didn'?t|did not|can'?t|cannot) "
    r"find (?:it|anything|an answer|the option|where)(?: anywhere)?)?|"
    r"i (?:couldn'?t|could not|can'?t|cannot) find (?:it|the option)(?: anywhere)?|"
    r"j'ai (?:cherché|regardé) partout|je ne (?:le |la )?trouve (?:pas|nulle part)|"
    # Spanish
    r"(?:muchas )?gracias(?: de antemano| por adelantado| por (?:su|tu) ayuda)?|"
    r"(?:una )?pregunta rápida|espero que (?:me )?(?:puedan|puedas) ayudar|¿?(?:me|nos) (?:pueden|puedes|podrían) "
    r"ayudar\??|soy nuev[oa] en \w+|disculpen? (?:las molestias|si ya se ha preguntado)|quedo (?:atent[oa]|a la "
    r"espera)(?: de (?:su|tu) respuesta)?|adjunto (?:una )?captura(?: de pantalla)?|es urgente|"
    r"(?:esto )?es (?:muy |realmente )?frustrante|estoy (?:muy )?(?:frustrad[oa]|molest[oa])|"
    # German
    r"(?:vielen )?dank(?:e)? im voraus|kurze frage|ich bin neu bei \w+|ich hoffe,? (?:sie können|ihr könnt|"
    r"jemand kann) (?:mir )?helfen|screenshot (?:anbei|im anhang)|es ist dringend|"
    r"das ist (?:sehr |echt |wirklich )?(?:ärgerlich|frustrierend)|"
    # French
    r"merci (?:d'avance|par avance)|(?:une )?petite question|je suis nouveau (?:sur|chez) \w+|j'espère que vous "
    r"(?:pourrez|pouvez) m'aider|capture d'écran (?:ci-jointe|jointe)|c'est urgent|"
    r"c'est (?:très |vraiment )?(?:frustrant|énervant|inacceptable)|désolée? pour mon (?:mauvais )?anglais|"
    # Portuguese
    r"(?:obrigad[oa] )?desde já(?: agradeço)?|pergunta rápida|sou nov[oa] n[oa] \w+|espero que (?:possam|possa) "
    r"(?:me )?ajudar|segue (?:em anexo )?(?:uma )?captura de tela|é urgente|(?:isso )?é (?:muito )?frustrante"
    r")[\s.!?,:;…-]*$",
    re.IGNORECASE,
)
"""Whole sentences that say nothing about the subject of a ticket (help-desk stock phrases in en, es, de, fr, pt)."""
_FILLER_LEAD = re.compile(
    r"^(?:(?:(?:a )?bit of |just )?(?:an? )?(?:silly|stupid|dumb|quick) question,?\s*(?:but|maybe|-|:)\s+|"
    r"quick question\s*[:-]\s*|(?:una )?pregunta rápida\s*[:,-]\s*|kurze frage\s*[:,-]\s*|petite question\s*[:,-]\s*|"
    r"(?:further|following on) (?:to|from) (?:my|our|your) (?:(?:tele)?phone call|call|e-?mail|message|conversation|"
    r"chat|letter)(?: (?:with [\w' -]{1,30}?|this morning|this afternoon|yesterday|earlier|today|last week))*"
    r"\s*[,:-]\s*)",
    re.IGNORECASE,
)
"""A filler clause in front of the question ("silly question but how do I ...", "Further to my call this
morning, ...")."""
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_WS = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> str:
    """The customer's own words: each field (subject, body: see :data:`FIELD_BREAK`) cleaned on its own, HTML,
    chat scaffolding, quoted replies, signatures, greetings and filler removed, whitespace tidied."""
    return _Fields.of(text).text


@dataclass(frozen=True, slots=True)
class _Fields:
    """A ticket's fields, each cleaned once: what :func:`clean` returns and :func:`asks_nothing` judges."""

    raw: list[str]
    """The fields as read (subject first when there are two or more)."""
    subject: str
    """The cleaned subject (``""`` for a text of one field)."""
    body: str
    """The cleaned body fields, joined."""

    @classmethod
    def of(cls, text: str) -> _Fields:
        fields = text.split(FIELD_BREAK)
        if len(fields) == 1:
            return cls(fields, "", clean_body(text))
        return cls(fields, clean_subject(fields[0]), "\n\n".join(b for b in (clean_body(f) for f in fields[1:]) if b))

    @property
    def text(self) -> str:
        """The cleaned ticket: the subject (unless the body repeats it), then the body."""
        subject = "" if self.subject and self.body and _repeats(self.subject, self.body) else self.subject
        return "\n\n".join(p for p in (subject, self.body) if p)


def clean_body(text: str) -> str:
    """The customer's words in one body field (see :func:`clean`)."""
    text = html_to_text(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    text = _strip_transcript(text)
    m = _QUOTE_HEADER.search(text)
    if m and m.start() > 0 and text[: m.start()].strip():
        text = text[: m.start()]
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith(">")]
    notice = next((k for k, ln in enumerate(lines) if k > 0 and _DISCLAIMER.match(ln)), None)
    if notice is not None:  # a mail footer's legal notice: it and all under it are the company's
        lines = lines[:notice]
    out: list[str] = []
    for i, ln in enumerate(lines):
        if _SIGNATURE.match(ln) and (i > 0 or len(lines) > 1) and _tail_is_signature(lines, i):
            _drop_name_line(out)  # "Yasmine" above "Sent from my iPhone"
            break
        out.append(ln)
    _drop_named_sign_off(out)
    while out and not out[0].strip():
        out.pop(0)
    while len(out) > 1 and _GREETING.match(out[0]):
        out.pop(0)
        while out and not out[0].strip():
            out.pop(0)
    text = "\n".join(_WS.sub(" ", ln).strip() for ln in out)
    if (m := _GREETING_INLINE.match(text)) and len(text[m.end():].split()) >= 2:  # "Hi, unlock not working"
        text = text[m.end():]
        text = text[:1].upper() + text[1:]
    text = _drop_filler(text) or text
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _drop_named_sign_off(lines: list[str]) -> None:
    """Drop a sign-off with a name (:data:`_SIGN_OFF_NAMED`) that ends ``lines``: the last line, or the last
    sentence of the last line after the question ("How do I reset my streak? Thanks, Noah"); a ticket that is only
    a sign-off stays as it is."""
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return
    last = lines[-1]
    starts = [m.end() for m in _SENTENCE.finditer(last)]
    cut = starts[-1] if starts else 0
    if not _SIGN_OFF_NAMED.match(last[cut:]) or (cut == 0 and len(lines) == 1):
        return
    if cut:
        lines[-1] = last[:cut].rstrip()
    else:
        lines.pop()


_NAME_LINE = re.compile(rf"^\s*{_NAME}\s*$")


def _drop_name_line(lines: list[str]) -> None:
    """Drop the customer's name signed alone on the last line above a signature, when other lines come before it
    (a name is no part of the question, and it reached keywords suggested for the public search index)."""
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > 1 and _NAME_LINE.match(lines[-1]) and any(ln.strip() for ln in lines[:-1]):
        lines.pop()


def _drop_filler(text: str) -> str:
    """``text`` without its stock sentences (:data:`_FILLER`) and filler lead-ins (:data:`_FILLER_LEAD`)."""
    lines = []
    for ln in text.split("\n"):
        kept = [s for s in _SENTENCE.split(ln) if not _FILLER.match(s.strip())]
        if kept:
            lead = _FILLER_LEAD.match(kept[0])
            if lead and kept[0][lead.end():].strip():
                rest = kept[0][lead.end():]
                kept[0] = rest[:1].upper() + rest[1:]
            lines.append(" ".join(kept))
        elif not ln.strip():
            lines.append("")
    return "\n".join(lines).strip()


_DISCLAIMER = re.compile(
    r"^\W*(?:(?:this|the information (?:contained )?in this) (?:e-?mail|message|communication)(?: and any "
    r"(?:attachments?|files?(?: transmitted with it)?))? (?:is|are|may be|contains?) (?:strictly )?(?:confidential|"
    r"private|privileged|intended)|confidential(?:ity)? (?:notice|note|warning)|disclaimer\s*:|"
    r"(?:este|esta) (?:correo|mensaje)(?: electrónico)? (?:y (?:sus|cualquier) (?:anexos?|adjuntos?) )?(?:es|son|"
    r"contiene) (?:confidencial|información confidencial)|"
    r"diese (?:e-?mail|nachricht)(?: und (?:alle|etwaige) anhänge)? (?:ist|sind|enthält) (?:vertraulich|"
    r"vertrauliche)|"
    r"ce (?:message|courriel|e-?mail)(?: et (?:ses|toutes ses|les) pièces jointes)? (?:est|sont|contient) "
    r"(?:confidentiel|strictement confidentiel|des informations confidentielles))",
    re.IGNORECASE,
)
"""The first line of a mail footer's legal notice ("This email and any attachments are confidential…"): it and
everything under it are the sender's company's, not the customer's question."""


def _tail_is_signature(lines: list[str], i: int) -> bool:
    """A sign-off line starts a signature when at most 5 short lines follow it (a name, a title, a phone), a
    legal notice under them aside (:data:`_DISCLAIMER`)."""
    rest = [ln for ln in lines[i + 1:] if ln.strip()]
    notice = next((k for k, ln in enumerate(rest) if _DISCLAIMER.match(ln)), None)
    rest = rest[:notice] if notice is not None else rest
    return len(rest) <= 5 and all(len(ln) <= 80 for ln in rest)


# --- tickets that ask nothing ------------------------------------------------------------------------------------

NOTHING_ASKED = "asks nothing (a thank-you, an auto-reply or a chaser)"
"""The skip reason of a ticket :func:`asks_nothing` is true for."""

_AUTO_PREFIX = (r"(?:automatic reply|auto-?reply|auto-?response|automatic response|out of office|"
                r"respuesta automática|réponse automatique|resposta automática|automatische antwort|"
                r"abwesenheitsnotiz|abwesenheitsmeldung)\s*:")
"""The subject-style prefix a mail client puts before an automatic reply ("Automatic reply:", "Réponse
automatique :")."""
_AUTO_REPLY = re.compile(
    rf"^\W*(?:{_AUTO_PREFIX}\s*)?(?:"
    r"this is an? automat(?:ic|ed) (?:reply|response|message)|"
    r"(?:this is an automatically generated )?delivery status notification|mail delivery (?:failed|subsystem)|"
    r"undeliverable:|"
    r"this (?:mailbox|inbox|e-?mail address|address|e-?mail account) is (?:not|no longer) (?:monitored|read|in use)|"
    r"this (?:mailbox|inbox|e-?mail address|address) is unmonitored|"
    r"(?:please )?do not reply to this (?:e-?mail|message|address)|this is an? (?:no-?reply|unmonitored) |"
    r"(?:este|esta) (?:buzón|correo|dirección)(?: de correo)? no (?:está|es) (?:monitorizad|supervisad|monitoread)|"
    r"(?:por favor,? )?no (?:responda|respondas|conteste) a este (?:correo|mensaje|e-?mail)|"
    r"bitte antworten sie nicht auf diese (?:e-?mail|nachricht)|"
    r"dies ist eine automatisch (?:generierte|erstellte|versendete) (?:e-?mail|nachricht)|"
    r"diese (?:e-?mail-adresse|adresse|mailbox|postfach) wird nicht (?:überwacht|gelesen)|"
    r"(?:merci de |veuillez )?ne pas répondre à (?:ce|cet) (?:message|courriel|e-?mail|mail)|"
    r"cette (?:adresse|boîte(?: aux lettres)?|boîte mail) n'est pas (?:surveillée|consultée|lue)|"
    r"(?:por favor,? )?não responda (?:a )?(?:este|esta) (?:e-?mail|mensagem)|"
    r"(?:esta|este) (?:caixa(?: de correio)?|endereço(?: de e-?mail)?) não é (?:monitorad|lid)"
    r")",
    re.IGNORECASE,
)
"""The opening of an automatic reply or a no-reply notice (en, es, de, fr, pt), after the mail client's "Automatic
reply:" if any: the whole text is the help desk's or the mail client's, not a question."""
_AWAY = re.compile(
    rf"^\W*(?:{_AUTO_PREFIX}\s*)?(?:"
    r"(?:thank you for your (?:e-?mail|message)[.,!]?\s*)?(?:i am|i'm|i will be|i'll be) (?:currently )?(?:"
    r"out of (?:the )?office|away from (?:the |my )?(?:office|desk)|"
    r"(?:on (?:annual |parental |sick |maternity |paternity )?leave|on (?:holiday|vacation)|away)"
    r"(?: from \w+(?: \d+\w*)?)? (?:until|till|through|and will (?:be back|return|reply|respond|answer|get back)|"
    r"and (?:have|will have) "
    r"(?:limited|no) access|with (?:limited|no) access))|"
    r"(?:estoy|me encuentro) (?:fuera de la oficina|(?:de vacaciones|ausente) hasta)|"
    r"ich bin (?:.{0,40} )?(?:nicht im büro|(?:abwesend|im urlaub) bis|im urlaub und (?:lese|habe|bin))|"
    r"je suis (?:actuellement )?(?:absente? du bureau|(?:absente?|en congés?|en vacances) jusqu)|"
    r"estou (?:fora do escritório|(?:de férias|ausente) até)"
    r")",
    re.IGNORECASE,
)
"""The opening of an out-of-office reply (en, es, de, fr, pt): "I'm away until Monday". A customer may open so too
("I'm away until Monday, can I extend the pickup time?"): it is an auto-reply only when it asks nothing
(:data:`_ASKS`)."""
_ASKS = re.compile(
    r"[?¿]|(?:^|[.,;:!]\s*)(?:can|could|how (?:do|can|long|much)|what|why|do|does|is|are|should|will you|would you)"
    r" (?:i|you|we|my|it|the|someone|somebody|anyone)\b",
    re.IGNORECASE,
)
"""A question in a text: a question mark, or a clause opening as an English question ("…, can I extend …")."""
_BOUNCE = re.compile(r"^(?:delivery status notification|undeliverable:|undelivered mail returned to sender|"
                     r"mail delivery (?:failed|failure|subsystem)|returned mail:|failure notice$)", re.IGNORECASE)
"""The subject of a mail server's bounce ("Delivery Status Notification (Failure)", "Undeliverable: ..."): the help
desk filed it as a ticket, but nobody asks anything in it."""
_AUTO_PREFIXED = re.compile(rf"^\W*{_AUTO_PREFIX}[^?¿]*$", re.IGNORECASE)
"""A text the mail client marked as an automatic reply and that asks no question."""
_NOTHING = re.compile(
    r"^(?:(?:"
    # acknowledgements
    r"ok(?:ay)?|great|perfect|awesome|brilliant|excellent|cool|nice|super|fantastic|wonderful|amazing|lovely|"
    r"got it|all good(?: now)?|all sorted(?: now)?|sorted|noted|understood|fine|yes|no worries|cheers|thx|"
    r"(?:well )?received|"
    r"(?:much |greatly )?appreciated|"
    rf"(?:(?:many |big )?thanks?|thank you|thx|cheers|(?:muchas )?gracias|merci|danke|obrigad[oa])"
    rf"(?: (?:so|very) much| a lot| again)?,?\s+{_NAME}|"
    r"(?:that'?s|this is) (?:great|perfect|awesome|brilliant|helpful|very helpful)|"
    r"(?:many |big )?thanks?(?: you)?(?: (?:so|very|so very) much| a lot| again| a million| heaps| kindly)?"
    r"(?: for (?:the|your|all the|all your|that|this) (?:quick |fast |prompt |kind )?(?:help|reply|response|answer|"
    r"support|info|information|assistance|explanation|e-?mail|message|mail)(?: with (?:this|that|it|everything))?|"
    r" for (?:helping(?: me| out)?|letting me know|answering(?: my question)?|getting back to me|your time))?|"
    r"i (?:really |truly )?appreciate (?:it|that|your help|the help|the assistance|your assistance)|much obliged|"
    r"(?:your help is|that is|that'?s) (?:much |greatly |really )?appreciated|i(?:'?m| am) (?:very |so |really )?"
    r"grateful|you(?:'?ve| have) been (?:a )?(?:great|big|huge|real) help|yep|yeah|correct|(?:that is|that'?s) "
    r"(?:correct|right)|all right|"
    r"(?:that|it|this) (?:worked|helped|fixed it|works now|works|did the trick|solved it|sorted it)|"
    r"(?:that'?s|that is|it'?s|it is|everything(?:'?s| is)) (?:all )?(?:sorted|fixed|solved|resolved|working)"
    r"(?: now)?|(?:many )?thanks?(?: you)?(?: (?:so|very) much)? for (?:sorting|fixing|solving|resolving) "
    r"(?:this|that|it)(?: (?:out|so quickly|for me))?|(?:i )?(?:really |truly )?appreciate it|"
    r"(?:that|it|this) (?:has )?(?:worked|helped)(?: perfectly| a lot)?|"
    r"(?:the )?(?:problem|issue) (?:is |has been )?(?:solved|resolved|fixed|sorted)(?: now)?|"
    r"(?:i'?m |i am |we'?re |we are )?looking forward to (?:trying|using|testing) (?:it|this|that)(?: out)?|"
    r"(?:it'?s |it is |everything'?s |everything is )?all working(?: fine)?(?: now| again)?|"
    r"(?:it'?s |it is )?working (?:now|again)|(?:that'?s|that has|that) (?:sorted|fixed|solved|done) it|"
    r"(?:there'?s |there is )?no need to (?:reply|respond|answer)|(?:please )?(?:do not|don'?t) (?:reply|respond)"
    r"(?: to this (?:e-?mail|message))?|"
    r"this is an? (?:automatic(?:ally generated)?|auto-?generated|automated|computer-generated) (?:message|e-?mail|"
    r"reply|response|notification)|"
    r"(?:i'?ll|i will|we'?ll|we will) (?:give (?:it|this|that) a (?:try|go)|try (?:it|this|that)(?: out)?)"
    r"(?: (?:now|today|later|tomorrow|then))?|"
    r"(?:you can|please) close (?:this|the|my) (?:ticket|request|case)|"
    r"(?:muchas |mil )?gracias(?: por (?:la|su|tu) (?:ayuda|respuesta))?|perfecto|genial|vale|de acuerdo|"
    r"ya (?:funciona|está(?: resuelto| solucionado)?)|(?:el )?problema (?:resuelto|solucionado)|"
    r"(?:vielen )?dank(?:e)?(?: schön| sehr)?(?: für (?:die|ihre|deine) (?:schnelle |rasche |nette |tolle )?"
    r"(?:hilfe|antwort|rückmeldung|info|information))?|alles klar|(?:ein )?schönes wochenende|"
    r"(?:einen )?schönen (?:tag|abend)(?: noch)?|"
    r"(?:es )?hat (?:alles )?(?:funktioniert|geklappt)|(?:das )?problem (?:ist )?gelöst|"
    r"merci(?: beaucoup| bien)?(?: pour (?:votre|ton|la) (?:aide|réponse))?|parfait|d'accord|"
    r"(?:ça|cela) (?:marche|fonctionne)(?: maintenant)?|(?:le )?problème (?:est )?résolu|c'est (?:réglé|bon|parfait|"
    r"résolu|noté)|tout est (?:réglé|bon|ok)|"
    r"(?:muito )?obrigad[oa](?: pela (?:ajuda|resposta))?|perfeito|funcionou|(?:o )?problema (?:está )?resolvido|"
    # chasers
    r"chasing (?:this|that|my (?:request|ticket|question|e-?mail|message))(?: (?:again|up))?|"
    # a customer's number alone, with nothing asked ("Account number 1022906", "FB-3527544")
    r"(?:my )?(?:account|acct|customer|client|member(?:ship)?|policy|contract|claim|order|reference|ref)"
    r"(?: (?:number|no\.?|num|id|#))?[ :#]*[a-z]{0,5}-?\d(?:[ -]?\d){3,}|[a-z]{1,5}-?\d{5,}|"
    r"(?:i'?m |i am |we'?re |we are )?still waiting(?: for (?:an? |your |any )?(?:answer|reply|response|update|"
    r"news))?(?: (?:on|about|to) (?:this|that|my (?:previous |last |earlier |first )?(?:request|ticket|question|"
    r"e-?mail|mail|message))(?: one)?)?|"
    r"(?:still )?no (?:answer|reply|response|news)(?: yet)?(?: (?:since|for|after) (?:\d+|a|one|two|three|four|five|"
    r"a few|few|several|a couple of) (?:days?|weeks?|hours?)| since (?:yesterday|last week|monday|friday))?|"
    r"any (?:update|news|progress)s?(?: (?:on|about) (?:this|that|my (?:request|ticket|question)))?(?: yet)?|"
    r"(?:just )?(?:following|checking) (?:up|in)(?: (?:on|about) (?:this|that|my (?:previous |last |earlier )?"
    r"(?:e-?mail|message|request|ticket|question)))?|bump|hello|hi|hey|hiya|(?:hello|hi|hey) there|"
    r"hallo|hola|bonjour|salut|olá|oi|moin|servus|"
    r"(?:could|can|would|will) (?:someone|somebody|anyone|anybody|you) (?:please )?(?:get back to (?:me|us)|reply|"
    r"respond|answer)(?: (?:please|asap|soon))?|"
    r"(?:is )?(?:any|some)(?:one|body) there|"
    r"did you (?:get|receive|see) my (?:previous |last |earlier )?(?:e-?mail|message)|"
    r"(?:no ?one|nobody) (?:has )?(?:answered|replied|responded|got back)(?: to)?(?: me| us)?(?: yet)?|"
    r"(?:i )?sent (?:it|this|that|my (?:request|ticket|question|e-?mail|message)) (?:\d+|a|one|two|three|four|five|"
    r"a few|few|several|a couple of) (?:days?|weeks?|hours?) ago|"
    r"i (?:already )?(?:wrote|e-?mailed|messaged|asked|contacted you|sent (?:you )?(?:an? )?(?:e-?mail|message))"
    r"(?: (?:to )?you)?(?: (?:about )?(?:this|here))?(?: (?:\d+|a|one|two|three|four|five|a few|few|several|"
    r"a couple of) (?:days?|weeks?|hours?) ago| yesterday| last week| earlier(?: this week)?)"
    r"(?:,? (?:and|but) (?:(?:got |have |had )?no (?:answer|reply|response)|(?:haven'?t|have not|didn'?t|did not) "
    r"(?:heard back|hear back|get an? (?:answer|reply)|receive an? (?:answer|reply)))(?: yet)?)?|"
    r"(?:ya )?(?:os |les |te )?escribí hace (?:\d+|unos|varios|dos|tres) (?:días|semanas|horas)|"
    r"(?:já )?escrevi há (?:\d+|uns|vários|dois|três) (?:dias|semanas|horas)|"
    r"(?:sigo|seguimos) esperando(?: (?:una )?respuesta)?|(?:hay )?alguna novedad|"
    r"ich warte (?:immer )?noch auf (?:eine )?antwort(?: auf meine (?:letzte |vorherige |erste )?(?:e-?mail|mail|"
    r"nachricht|anfrage))?|gibt es (?:schon )?neuigkeiten|"
    r"j'attends toujours (?:une )?réponse|(?:avez-vous |vous avez |auriez-vous )?des nouvelles(?: de (?:ma|notre) "
    r"demande)?|(?:une |des )?mises? à jour(?: (?:sur|concernant) (?:ma|notre) demande)?|je (?:me permets de vous )?"
    r"relance(?:r)?(?: (?:ma|notre) demande)?|toujours (?:pas|aucune) (?:de )?réponse(?: à mon (?:message|"
    r"e-?mail|mail|courriel)(?: précédent)?)?|(?:pas|aucune) (?:de )?réponse depuis (?:\d+|deux|trois|quatre|"
    r"plusieurs) (?:jours|semaines)|(?:todavía|aún|sigo) sin respuesta|(?:immer )?noch keine antwort|"
    r"(?:ainda )?sem resposta|"
    r"ainda (?:estou )?(?:aguardando|esperando)(?: (?:uma )?resposta)?|alguma novidade"
    r")[\s.!?,:;…)(-]*)+$",
    re.IGNORECASE,
)
"""A sentence that thanks, acknowledges or chases up (en, es, de, fr, pt), alone or several in a row ("ok great,
thanks for the quick help")."""


_EMOJI = re.compile(
    r"(?<!\S)(?:[:;=8][-']?[)(DPp3O/\\|*]+|<3+|\^_?\^|[xX][dD])(?!\S)|"
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764\uFE0F\u200D]+"
)
"""Emoticons (``:)``, ``;-)``, ``<3``) and emoji: they say nothing either ("Thanks, that worked!! :)")."""


def asks_nothing(text: str) -> bool:
    """Whether a ticket (its raw text, fields joined by :data:`FIELD_BREAK`, as :func:`clean` takes it) asks
    nothing: its body is an auto-reply, or only thanks, acknowledgements, chasers and filler, and its subject adds
    no question (none, one the help desk wrote, a reply's "Re: ..." to an earlier thread, or more of the same).
    One sentence asking anything else ("Thanks, but how do I change the currency?") makes it a question."""
    return _asks_nothing(_Fields.of(text))


def clean_and_judge(text: str) -> tuple[str, bool]:
    """:func:`clean`'s text and :func:`asks_nothing`'s verdict (false when nothing is left), the ticket cleaned
    once."""
    fields = _Fields.of(text)
    cleaned = fields.text
    return cleaned, bool(cleaned) and _asks_nothing(fields)


def _asks_nothing(f: _Fields) -> bool:
    """:func:`asks_nothing` on fields cleaned already."""
    if len(f.raw) == 1:
        return _says_nothing(f.body)
    subject = html_to_text(f.raw[0]).strip()
    replied = bool(_SUBJECT_PREFIX.match(subject))
    if not f.body:  # a reply whose body was only a sign-off ("Thanks!\nJane") says nothing new
        return (replied and any(html_to_text(b).strip() for b in f.raw[1:])) or _says_nothing(f.subject)
    if _is_auto_reply(f.body):  # whatever the subject it answers ("Booking": an auto-reply to the customer's thread)
        return True
    if _BOUNCE.match(subject):  # a mail server's notice that a message was not delivered
        return True
    bare = len(f.subject.split()) <= 2 and "?" not in f.subject  # "Booking", "Your clean": a word or two asks nothing
    return _says_nothing(f.body) and (not f.subject or replied or bare or _says_nothing(f.subject))


def _is_auto_reply(text: str) -> bool:
    """Whether cleaned text is an out-of-office or automatic reply or a no-reply notice."""
    return _auto(_EMOJI.sub(" ", text).strip())


def _auto(text: str) -> bool:
    """:func:`_is_auto_reply` on text without emoji."""
    return bool(text) and bool(_AUTO_REPLY.match(text) or _AUTO_PREFIXED.match(text) or
                               (_AWAY.match(text) and not _ASKS.search(text)))


def _says_nothing(text: str) -> bool:
    """Whether cleaned text is an auto-reply, or only thanks, acknowledgements, chasers, filler or emoji (a chat's
    lone "👍")."""
    bare = _EMOJI.sub(" ", text).strip()
    if not bare:
        return bool(text.strip())
    text = bare
    if _auto(text):
        return True
    lines = text.split("\n")
    _drop_name_line(lines)  # "ok great, thanks for the quick help\n\nLuke": the name under the thanks says nothing
    parts = [s.strip().lstrip("¡¿ ") for ln in lines for s in _SENTENCE.split(ln) if s.strip()]
    return all(_NOTHING.match(s) or _FILLER.match(s) for s in parts)  # "¡Muchas gracias!" as "Muchas gracias!"
