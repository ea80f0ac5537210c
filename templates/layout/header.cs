<?cs # header.cs: the top of every page, up to the opening of <main>.
  Reads Page.Lang, Page.Dir, Page.Title, Page.Nav.N.{Href,Label,Current},
  Page.Languages.N.{Code,Label}, Page.LangHref (route.c: "?query&lang=",
  the page kept; "?lang=" when absent), Page.Agent.Name, Page.Csrf,
  Page.Flash.N.{Kind,Text} and Lang.*. No inline script or style (CSP).
  Also defines the macros of layout/macros.cs for the page. ?><?cs
include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>" dir="<?cs var:Page.Dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> – <?cs /if ?><?cs var:Lang.App.Name ?></title>
<link rel="stylesheet" href="/static/havre.css">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Layout.SkipLink ?></a>
<header class="site-header">
<div class="bar">
<a class="brand" href="/"><?cs var:Lang.App.Name ?></a><?cs
if:Page.Agent.Name ?>
<div class="agent">
<span><?cs var:Lang.Layout.SignedInAs ?> <strong><?cs var:Page.Agent.Name ?></strong></span>
<form method="post" action="/logout"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn-link"><?cs var:Lang.Layout.Logout ?></button>
</form>
</div><?cs
/if ?>
<nav class="langs" aria-label="<?cs var:Lang.Lang.Switch ?>">
<ul><?cs
if:subcount(Page.Languages) > 0 ?><?cs
  each:l = Page.Languages ?>
<li><a href="<?cs if:Page.LangHref ?><?cs var:url_validate(Page.LangHref) ?><?cs else ?>?lang=<?cs /if ?><?cs var:url_escape(l.Code) ?>" lang="<?cs var:l.Code ?>" hreflang="<?cs var:l.Code ?>"<?cs
    if:l.Code == Page.Lang ?> aria-current="true"<?cs /if ?>><?cs var:l.Label ?></a></li><?cs
  /each ?><?cs
else ?>
<li><a href="?lang=en" lang="en" hreflang="en"<?cs if:Page.Lang == "en" ?> aria-current="true"<?cs /if ?>>English</a></li>
<li><a href="?lang=fr" lang="fr" hreflang="fr"<?cs if:Page.Lang == "fr" ?> aria-current="true"<?cs /if ?>>Français</a></li>
<li><a href="?lang=ar" lang="ar" hreflang="ar"<?cs if:Page.Lang == "ar" ?> aria-current="true"<?cs /if ?>>العربية</a></li><?cs
/if ?>
</ul>
</nav>
</div><?cs
if:subcount(Page.Nav) > 0 ?>
<nav class="main-nav" aria-label="<?cs var:Lang.Nav.Label ?>">
<ul><?cs
  each:n = Page.Nav ?>
<li><a href="<?cs var:url_validate(n.Href) ?>"<?cs if:n.Current ?> aria-current="page"<?cs /if ?>><?cs var:n.Label ?></a></li><?cs
  /each ?>
</ul>
</nav><?cs
/if ?>
</header>
<main id="main" tabindex="-1"><?cs
if:subcount(Page.Flash) > 0 ?>
<div class="flashes"><?cs
  each:f = Page.Flash ?><?cs
    if:f.Kind == "error" || f.Kind == "warning" ?>
<p class="flash flash-<?cs var:f.Kind ?>" role="alert"><?cs call:msg(f.Text) ?></p><?cs
    else ?>
<p class="flash flash-<?cs var:f.Kind ?>" role="status"><?cs call:msg(f.Text) ?></p><?cs
    /if ?><?cs
  /each ?>
</div><?cs
/if ?>
