"""helpkit's own interface text, per language (Material translates its own through ``theme.language``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from babel import Locale
from babel.dates import format_date

from helpkit.config import PSEUDO_LOCALE
from helpkit.mkdocs_internals import material_templates


@dataclass(frozen=True, slots=True)
class UiStrings:
    """Text helpkit adds to pages. ``{…}`` fields are filled in by the page renderer."""

    hero_title: str = "How can we help?"
    """Heading above the search box on the home page."""
    search_placeholder: str = "Search the help center"
    """Placeholder of the search box."""
    categories: str = "Browse by topic"
    """Heading of the category cards."""
    popular: str = "Popular articles"
    """Heading of the promoted articles."""
    article_count: str = "{n} articles"
    """Category card footer."""
    article_count_one: str = "{n} article"
    """Category card footer for a count in the language's singular form (Babel's plural rule: 1 in English, 0 and
    1 in French)."""
    home: str = "Home"
    """First breadcrumb."""
    updated: str = "Last updated {date}"
    """Under an article's title."""
    related: str = "Related articles"
    """Heading of the related articles."""
    still_need_help: str = "Still need help?"
    """Heading of the contact block."""
    contact_text: str = "Our support team is happy to help."
    """Text of the contact block."""
    contact_label: str = "Contact support"
    """The contact button."""
    machine_notice: str = "This article was translated automatically and may contain errors."
    """Notice on pages with machine-translated text."""
    partly_source_notice: str = "Parts of it could not be translated and are shown in {language}."
    """Added to the machine-translation notice when some segments are in the source language."""
    video_titled: str = "Video: {title}"
    """An imported article's embedded video, as the link that stands for it (``helpkit import``)."""
    video_on: str = "Video on {host}"
    """The same for a video whose title says nothing ("YouTube video player")."""
    partly_notice: str = "Parts of this article are not translated yet and are shown in {language}."
    """Notice on pages whose translated parts were all written or reviewed by a person, the rest in the source
    language (no machine translation on the page)."""
    stale_notice: str = "Parts of this translation are older than the {language} article and may be out of date."
    """Notice on pages with a reviewed translation of an older version of the source text (no machine
    translation on the page)."""
    read_original: str = "Read the original in {language}"
    """Link to the source-language page."""
    untranslated_notice: str = "This article is not available in {language} yet."
    """Notice on articles served in the source language."""
    no_articles: str = "No articles in this category yet."
    """Empty category page."""
    search_no_results: str = "No matching articles"
    """Shown when a search finds nothing."""
    search_did_you_mean: str = "Did you mean"
    """Before a spelling suggestion."""
    not_found_title: str = "Page not found"
    """Heading of the 404 page."""
    not_found_text: str = "The page you are looking for does not exist or has moved. Try searching for it."
    """Text of the 404 page."""
    search_contact: str = "Ask our support team instead"
    """After a search with no result ("No matching articles") or a weak one: the link to the contact page."""
    search_weak: str = "None of these may answer your question."
    """Above the results of a search whose best hit is weak (the help center may not cover the question)."""
    contact_title: str = "Contact support"
    """Title of the contact page."""
    contact_intro: str = "Describe your question. Articles that may answer it appear as you type."
    """Text above the question box."""
    contact_question: str = "Your question"
    """Label of the question box."""
    contact_suggestions: str = "These articles may answer it"
    """Heading of the suggested articles."""
    contact_suggested_status: str = "{n} suggested articles"
    """Announced to screen readers when suggestions change."""
    contact_none: str = "No article matches your question yet."
    """Shown when nothing matches what the customer typed."""
    contact_weak: str = "These may not answer your question. If none helps, send it to our support team below."
    """Under the suggestions when the best of them is weak."""
    contact_handover_intro: str = "None of these helps?"
    """Before the hand-over button."""
    contact_handover: str = "Send your question to our support team"
    """The hand-over button (it opens the team's form or e-mail with the question filled in)."""
    contact_privacy: str = "What you type here goes only to our support team, when you choose to send it."
    """Under the question box."""
    feedback_question: str = "Was this article helpful?"
    """Heading of the feedback widget under each article."""
    feedback_yes: str = "Yes"
    """Button: the article helped."""
    feedback_no: str = "No"
    """Button: the article did not help."""
    feedback_reasons: str = "What was wrong? (optional)"
    """Legend of the reasons, after "No"."""
    reason_missing: str = "Missing information"
    """Reason ``missing``."""
    reason_incorrect: str = "Incorrect"
    """Reason ``incorrect``."""
    reason_unclear: str = "Hard to understand"
    """Reason ``unclear``."""
    reason_outdated: str = "Outdated"
    """Reason ``outdated``."""
    feedback_send: str = "Send feedback"
    """Button sending the reasons."""
    feedback_thanks: str = "Thank you for your feedback."
    """Shown after a vote."""
    feedback_sorry: str = "We will use it to improve this article. Still stuck?"
    """Shown after a "No" vote, before the link to the contact page."""
    breadcrumb: str = "Breadcrumb"
    """Accessible name of the breadcrumbs above a page's title."""
    permanent_link: str = "Permanent link"
    """Title of the ``¶`` link beside each heading (the ``toc`` extension's ``permalink_title``)."""
    made_with: str = "Made with {link}"
    """The footer's credit; ``{link}`` is the link to Material for MkDocs."""
    dark_mode: str = "Switch to dark mode"
    """Material's palette toggle to a dark scheme, when mkdocs.yml names it so in the source language."""
    light_mode: str = "Switch to light mode"
    """Material's palette toggle to a light scheme, likewise."""
    system_mode: str = "Switch to system preference"
    """Material's palette toggle back to the system's scheme, likewise."""


_TABLE: dict[str, UiStrings] = {
    "en": UiStrings(),
    "es": UiStrings(
        hero_title="¿En qué podemos ayudarte?", search_placeholder="Buscar en el centro de ayuda",
        categories="Explorar por tema", popular="Artículos populares", article_count="{n} artículos",
        article_count_one="{n} artículo",
        home="Inicio", updated="Última actualización: {date}", related="Artículos relacionados",
        still_need_help="¿Todavía necesitas ayuda?", contact_text="Nuestro equipo de soporte te ayudará encantado.",
        contact_label="Contactar con soporte",
        machine_notice="Este artículo se tradujo automáticamente y puede contener errores.",
        partly_source_notice="Algunas partes no se pudieron traducir y se muestran en {language}.",
        partly_notice="Partes de este artículo aún no están traducidas y se muestran en {language}.",
        video_titled="Vídeo: {title}",
        video_on="Vídeo en {host}",
        stale_notice="Partes de esta traducción son anteriores al artículo en {language} y pueden estar "
                     "desactualizadas.",
        read_original="Leer el original en {language}",
        untranslated_notice="Este artículo aún no está disponible en {language}.",
        no_articles="Todavía no hay artículos en esta categoría.",
        search_no_results="No hay artículos que coincidan",
        search_did_you_mean="Quizás quisiste decir",
        not_found_title="Página no encontrada",
        not_found_text="La página que buscas no existe o se ha movido. Prueba a buscarla.",
        search_contact="Pregunta a nuestro equipo de soporte",
        search_weak="Puede que ninguno de estos responda a tu pregunta.",
        contact_title="Contactar con soporte",
        contact_intro="Describe tu pregunta. Los artículos que pueden responderla aparecen mientras escribes.",
        contact_question="Tu pregunta",
        contact_suggestions="Estos artículos pueden responderla",
        contact_suggested_status="{n} artículos sugeridos",
        contact_none="Todavía ningún artículo coincide con tu pregunta.",
        contact_weak=("Puede que no respondan a tu pregunta. "
                      "Si ninguno te ayuda, envíala a nuestro equipo de soporte aquí abajo."),
        contact_handover_intro="¿Ninguno te ayuda?",
        contact_handover="Enviar tu pregunta a nuestro equipo de soporte",
        contact_privacy="Lo que escribas aquí solo llega a nuestro equipo de soporte, cuando decidas enviarlo.",
        feedback_question="¿Te resultó útil este artículo?",
        feedback_yes="Sí",
        feedback_no="No",
        feedback_reasons="¿Qué falló? (opcional)",
        reason_missing="Falta información",
        reason_incorrect="Es incorrecto",
        reason_unclear="Es difícil de entender",
        reason_outdated="Está desactualizado",
        feedback_send="Enviar opinión",
        feedback_thanks="Gracias por tu opinión.",
        feedback_sorry="La usaremos para mejorar este artículo. ¿Sigues sin solución?",
        breadcrumb='Ruta de navegación',
        permanent_link='Enlace permanente',
        made_with='Hecho con {link}',
        dark_mode='Cambiar al modo oscuro',
        light_mode='Cambiar al modo claro',
        system_mode='Usar la preferencia del sistema',
    ),
    "de": UiStrings(
        hero_title="Wie können wir helfen?", search_placeholder="Im Hilfe-Center suchen",
        categories="Nach Thema stöbern", popular="Beliebte Artikel", article_count="{n} Artikel",
        article_count_one="{n} Artikel",
        home="Start", updated="Zuletzt aktualisiert: {date}", related="Verwandte Artikel",
        still_need_help="Brauchen Sie weitere Hilfe?", contact_text="Unser Support-Team hilft Ihnen gern.",
        contact_label="Support kontaktieren",
        machine_notice="Dieser Artikel wurde maschinell übersetzt und kann Fehler enthalten.",
        partly_source_notice="Einige Teile konnten nicht übersetzt werden und werden auf {language} angezeigt.",
        partly_notice="Teile dieses Artikels sind noch nicht übersetzt und werden auf {language} angezeigt.",
        video_titled="Video: {title}",
        video_on="Video auf {host}",
        stale_notice="Teile dieser Übersetzung sind älter als der Artikel auf {language} und könnten veraltet sein.",
        read_original="Original auf {language} lesen",
        untranslated_notice="Dieser Artikel ist noch nicht auf {language} verfügbar.",
        no_articles="In dieser Kategorie gibt es noch keine Artikel.",
        search_no_results="Keine passenden Artikel",
        search_did_you_mean="Meinten Sie",
        not_found_title="Seite nicht gefunden",
        not_found_text="Die gesuchte Seite existiert nicht oder wurde verschoben. Versuchen Sie, danach zu suchen.",
        search_contact="Fragen Sie unser Support-Team",
        search_weak="Möglicherweise beantwortet keiner dieser Artikel Ihre Frage.",
        contact_title="Support kontaktieren",
        contact_intro="Beschreiben Sie Ihre Frage. Passende Artikel erscheinen, während Sie tippen.",
        contact_question="Ihre Frage",
        contact_suggestions="Diese Artikel könnten helfen",
        contact_suggested_status="{n} vorgeschlagene Artikel",
        contact_none="Noch passt kein Artikel zu Ihrer Frage.",
        contact_weak=("Diese Artikel beantworten Ihre Frage möglicherweise nicht. "
                      "Hilft keiner, senden Sie sie unten an unser Support-Team."),
        contact_handover_intro="Keiner dieser Artikel hilft Ihnen weiter?",
        contact_handover="Frage an unser Support-Team senden",
        contact_privacy="Was Sie hier eingeben, geht nur an unser Support-Team, wenn Sie es absenden.",
        feedback_question="War dieser Artikel hilfreich?",
        feedback_yes="Ja",
        feedback_no="Nein",
        feedback_reasons="Was war das Problem? (optional)",
        reason_missing="Informationen fehlen",
        reason_incorrect="Falsch",
        reason_unclear="Schwer verständlich",
        reason_outdated="Veraltet",
        feedback_send="Feedback senden",
        feedback_thanks="Vielen Dank für Ihr Feedback.",
        feedback_sorry="Wir verbessern diesen Artikel damit. Brauchen Sie weitere Hilfe?",
        breadcrumb='Brotkrümelnavigation',
        permanent_link='Permanenter Link',
        made_with='Erstellt mit {link}',
        dark_mode='Zum dunklen Modus wechseln',
        light_mode='Zum hellen Modus wechseln',
        system_mode='Systemeinstellung verwenden',
    ),
    "fr": UiStrings(
        hero_title="Comment pouvons-nous vous aider ?", search_placeholder="Rechercher dans le centre d'aide",
        categories="Parcourir par thème", popular="Articles populaires", article_count="{n} articles",
        article_count_one="{n} article",
        home="Accueil", updated="Dernière mise à jour : {date}", related="Articles associés",
        still_need_help="Besoin d'aide supplémentaire ?", contact_text="Notre équipe d'assistance est là pour vous.",
        contact_label="Contacter l'assistance",
        machine_notice="Cet article a été traduit automatiquement et peut contenir des erreurs.",
        partly_source_notice="Certaines parties n'ont pas pu être traduites et sont affichées en {language}.",
        partly_notice="Certaines parties de cet article ne sont pas encore traduites et sont affichées en {language}.",
        video_titled="Vidéo : {title}",
        video_on="Vidéo sur {host}",
        stale_notice="Certaines parties de cette traduction sont antérieures à l'article en {language} et peuvent être "
                     "obsolètes.",
        read_original="Lire l'original en {language}",
        untranslated_notice="Cet article n'est pas encore disponible en {language}.",
        no_articles="Aucun article dans cette catégorie pour le moment.",
        search_no_results="Aucun article correspondant",
        search_did_you_mean="Vouliez-vous dire",
        not_found_title="Page introuvable",
        not_found_text="La page que vous cherchez n'existe pas ou a été déplacée. Essayez de la rechercher.",
        search_contact="Demandez à notre équipe d'assistance",
        search_weak="Il se peut qu'aucun de ces articles ne réponde à votre question.",
        contact_title="Contacter l'assistance",
        contact_intro="Décrivez votre question. Les articles qui peuvent y répondre s'affichent pendant la saisie.",
        contact_question="Votre question",
        contact_suggestions="Ces articles peuvent y répondre",
        contact_suggested_status="{n} articles suggérés",
        contact_none="Aucun article ne correspond encore à votre question.",
        contact_weak=("Ces articles ne répondent peut-être pas à votre question. "
                      "Si aucun ne vous aide, envoyez-la ci-dessous à notre équipe d'assistance."),
        contact_handover_intro="Aucun ne vous aide ?",
        contact_handover="Envoyer votre question à notre équipe d'assistance",
        contact_privacy="Ce que vous saisissez ici ne va qu'à notre équipe d'assistance, si vous l'envoyez.",
        feedback_question="Cet article vous a-t-il été utile ?",
        feedback_yes="Oui",
        feedback_no="Non",
        feedback_reasons="Quel était le problème ? (facultatif)",
        reason_missing="Informations manquantes",
        reason_incorrect="Inexact",
        reason_unclear="Difficile à comprendre",
        reason_outdated="Obsolète",
        feedback_send="Envoyer l'avis",
        feedback_thanks="Merci pour votre avis.",
        feedback_sorry="Nous l'utiliserons pour améliorer cet article. Toujours bloqué ?",
        breadcrumb="Fil d'Ariane",
        permanent_link='Lien permanent',
        made_with='Réalisé avec {link}',
        dark_mode='Passer au mode sombre',
        light_mode='Passer au mode clair',
        system_mode='Utiliser le réglage du système',
    ),
    "pt": UiStrings(
        hero_title="Como podemos ajudar?", search_placeholder="Pesquisar na central de ajuda",
        categories="Navegar por tema", popular="Artigos populares", article_count="{n} artigos",
        article_count_one="{n} artigo",
        home="Início", updated="Última atualização: {date}", related="Artigos relacionados",
        still_need_help="Ainda precisa de ajuda?", contact_text="Nossa equipe de suporte está pronta para ajudar.",
        contact_label="Falar com o suporte",
        machine_notice="Este artigo foi traduzido automaticamente e pode conter erros.",
        partly_source_notice="Algumas partes não puderam ser traduzidas e são exibidas em {language}.",
        partly_notice="Partes deste artigo ainda não foram traduzidas e são exibidas em {language}.",
        video_titled="Vídeo: {title}",
        video_on="Vídeo no {host}",
        stale_notice="Partes desta tradução são anteriores ao artigo em {language} e podem estar desatualizadas.",
        read_original="Ler o original em {language}",
        untranslated_notice="Este artigo ainda não está disponível em {language}.",
        no_articles="Ainda não há artigos nesta categoria.",
        search_no_results="Nenhum artigo encontrado",
        search_did_you_mean="Você quis dizer",
        not_found_title="Página não encontrada",
        not_found_text="A página que você procura não existe ou foi movida. Tente pesquisá-la.",
        search_contact="Pergunte à nossa equipe de suporte",
        search_weak="Talvez nenhum destes responda à sua pergunta.",
        contact_title="Falar com o suporte",
        contact_intro="Descreva sua pergunta. Artigos que podem respondê-la aparecem enquanto você digita.",
        contact_question="Sua pergunta",
        contact_suggestions="Estes artigos podem responder",
        contact_suggested_status="{n} artigos sugeridos",
        contact_none="Nenhum artigo corresponde à sua pergunta ainda.",
        contact_weak=("Estes talvez não respondam à sua pergunta. "
                      "Se nenhum ajudar, envie-a à nossa equipe de suporte abaixo."),
        contact_handover_intro="Nenhum ajudou?",
        contact_handover="Enviar sua pergunta à nossa equipe de suporte",
        contact_privacy="O que você digitar aqui vai apenas para nossa equipe de suporte, quando você decidir enviar.",
        feedback_question="Este artigo foi útil?",
        feedback_yes="Sim",
        feedback_no="Não",
        feedback_reasons="O que estava errado? (opcional)",
        reason_missing="Faltam informações",
        reason_incorrect="Incorreto",
        reason_unclear="Difícil de entender",
        reason_outdated="Desatualizado",
        feedback_send="Enviar opinião",
        feedback_thanks="Obrigado pela sua opinião.",
        feedback_sorry="Vamos usá-la para melhorar este artigo. Ainda precisa de ajuda?",
        breadcrumb='Trilha de navegação',
        permanent_link='Link permanente',
        made_with='Feito com {link}',
        dark_mode='Mudar para o modo escuro',
        light_mode='Mudar para o modo claro',
        system_mode='Usar a preferência do sistema',
    ),
    "ja": UiStrings(
        hero_title="どのようなご用件ですか?", search_placeholder="ヘルプセンターを検索",
        categories="トピックから探す", popular="よく読まれている記事", article_count="{n} 件の記事",
        article_count_one="{n} 件の記事",
        home="ホーム", updated="最終更新日: {date}", related="関連記事",
        still_need_help="解決しない場合", contact_text="サポートチームがお手伝いします。",
        contact_label="サポートに問い合わせる",
        machine_notice="この記事は機械翻訳されており、誤りを含む可能性があります。",
        partly_source_notice="一部は翻訳できなかったため、{language}で表示されています。",
        partly_notice="この記事の一部はまだ翻訳されておらず、{language}で表示されています。",
        video_titled="動画: {title}",
        video_on="{host}の動画",
        stale_notice="この翻訳の一部は{language}の記事より古く、内容が古い可能性があります。",
        read_original="{language}の原文を読む",
        untranslated_notice="この記事はまだ{language}で提供されていません。",
        no_articles="このカテゴリにはまだ記事がありません。",
        search_no_results="該当する記事はありません",
        search_did_you_mean="もしかして",
        not_found_title="ページが見つかりません",
        not_found_text="お探しのページは存在しないか、移動されました。検索してみてください。",
        search_contact="サポートチームに問い合わせる",
        search_weak="これらの記事ではご質問に答えられない可能性があります。",
        contact_title="サポートに問い合わせる",
        contact_intro="質問を入力してください。入力中に、答えになりそうな記事が表示されます。",
        contact_question="ご質問",
        contact_suggestions="これらの記事が役立つかもしれません",
        contact_suggested_status="{n} 件の記事を提案中",
        contact_none="ご質問に一致する記事はまだありません。",
        contact_weak="これらの記事ではご質問に答えられない可能性があります。解決しない場合は、下のボタンからサポートチームに送信してください。",
        contact_handover_intro="解決しませんか?",
        contact_handover="サポートチームに質問を送る",
        contact_privacy="ここに入力した内容は、送信を選んだときにのみサポートチームに届きます。",
        feedback_question="この記事は役に立ちましたか?",
        feedback_yes="はい",
        feedback_no="いいえ",
        feedback_reasons="何が問題でしたか?(任意)",
        reason_missing="情報が足りない",
        reason_incorrect="内容が正しくない",
        reason_unclear="わかりにくい",
        reason_outdated="情報が古い",
        feedback_send="フィードバックを送信",
        feedback_thanks="フィードバックありがとうございます。",
        feedback_sorry="記事の改善に役立てます。まだ解決しませんか?",
        breadcrumb='パンくずリスト',
        permanent_link='パーマリンク',
        made_with='{link} で作成',
        dark_mode='ダークモードに切り替え',
        light_mode='ライトモードに切り替え',
        system_mode='システム設定に合わせる',
    ),
}


def _pseudo(s: UiStrings) -> UiStrings:
    from translations.backends import pseudo  # the pseudo-locale's own text transform

    def keep_fields(text: str) -> str:  # ``{n}``, ``{date}`` ... are filled in later: not text
        return "".join(part if part.startswith("{") else pseudo(part) for part in re.split(r"(\{\w+\})", text))

    values = {f: keep_fields(getattr(s, f)) for f in UiStrings.__dataclass_fields__}
    return replace(s, **values)


def ui_strings(locale: str) -> UiStrings:
    """helpkit's interface text for ``locale`` (English where it has no translation)."""
    if locale == PSEUDO_LOCALE:
        return _pseudo(UiStrings())
    return _TABLE.get(locale, _TABLE.get(locale.split("-")[0], UiStrings()))


def language_name(code: str, in_locale: str | None = None, *, capitalize: bool = True) -> str:
    """The language's own name (``Español``), or its name in ``in_locale``, from Babel's data.

    ``capitalize=False`` keeps the case the language writes it with inside a sentence (``en inglés``).
    """
    if code == PSEUDO_LOCALE:
        return "Pseudo-locale"
    display = in_locale or code
    display = "en" if display == PSEUDO_LOCALE else display
    name = Locale.parse(code.replace("-", "_")).get_display_name(Locale.parse(display.replace("-", "_"))) or code
    return name[:1].upper() + name[1:] if capitalize else name


def material_language(code: str) -> str:
    """The ``theme.language`` Material knows for a locale code (``pt-BR`` → ``pt-BR``, ``en-XA`` → ``en``)."""
    if code == PSEUDO_LOCALE:
        return "en"
    languages = material_templates() / "partials" / "languages"
    for candidate in (code, code.split("-")[0]):
        if (languages / f"{candidate}.html").is_file():
            return candidate
    return "en"


def long_date(value: date, locale: str) -> str:
    """A date as readers of ``locale`` write it (``14 de septiembre de 2026``)."""
    babel_locale = "en" if locale == PSEUDO_LOCALE else locale.replace("-", "_")
    return format_date(value, format="long", locale=babel_locale)


def article_count(strings: UiStrings, locale: str, n: int) -> str:
    """``1 article`` / ``3 articles`` in ``locale`` (its plural rule from Babel's CLDR data)."""
    one = Locale.parse(locale.split("-")[0]).plural_form(n) == "one"  # the language's rule (en-XA: English)
    return (strings.article_count_one if one else strings.article_count).format(n=n)


_TYPES = ("note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example",
          "quote")
ADMONITION_TITLES: dict[str, dict[str, str]] = {
    lang: dict(zip(_TYPES, names.split(","), strict=True)) for lang, names in {
        "es": "Nota,Resumen,Información,Consejo,Éxito,Pregunta,Advertencia,Error,Peligro,Fallo,Ejemplo,Cita",
        "de": "Hinweis,Zusammenfassung,Info,Tipp,Erfolg,Frage,Warnung,Fehlschlag,Gefahr,Fehler,Beispiel,Zitat",
        "fr": "Remarque,Résumé,Info,Astuce,Succès,Question,Avertissement,Échec,Danger,Bogue,Exemple,Citation",
        "pt": "Nota,Resumo,Informação,Dica,Sucesso,Pergunta,Aviso,Falha,Perigo,Erro,Exemplo,Citação",
        "ja": "注記,概要,情報,ヒント,成功,質問,警告,失敗,危険,バグ,例,引用",
    }.items()
}
"""The title of each of Material's admonition types in a language: an admonition without a title of its own
shows its type's name, which Python-Markdown writes in English (``!!! tip`` → "Tip")."""


def admonition_titles(locale: str) -> dict[str, str]:
    """:data:`ADMONITION_TITLES` for ``locale`` (its language's; empty where helpkit has none: English)."""
    return ADMONITION_TITLES.get(locale, ADMONITION_TITLES.get(locale.split("-")[0], {}))
