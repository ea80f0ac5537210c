<?cs # status_header.cs: the top of the applicant's status pages (/status
  on the public vhost), up to the opening of <main>: lean like the
  booking site's (no agent bar, no script), its language links keeping
  the page (Status.LangHref, a local URL ending in "lang="). Reads
  Page.Lang, Page.Dir, Page.Title, Page.Languages.N.{Code,Label},
  Page.Flash.N.{Kind,Text}, Lang.*. Defines the macros of
  layout/macros.cs for the page. ?><?cs
include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>" dir="<?cs var:Page.Dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> – <?cs /if ?><?cs var:Lang.Status.Home ?></title>
<link rel="stylesheet" href="/static/havre.css">
<link rel="stylesheet" href="/static/book.css">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Layout.SkipLink ?></a>
<header class="site-header">
<div class="bar">
<a class="brand" href="/status"><?cs var:Lang.Status.Home ?></a>
<nav class="langs" aria-label="<?cs var:Lang.Lang.Switch ?>">
<ul><?cs
each:l = Page.Languages ?>
<li><a href="<?cs var:url_validate(Status.LangHref) ?><?cs var:url_escape(l.Code) ?>" lang="<?cs var:l.Code ?>" hreflang="<?cs var:l.Code ?>"<?cs
  if:l.Code == Page.Lang ?> aria-current="true"<?cs /if ?>><?cs var:l.Label ?></a></li><?cs
/each ?>
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1"><?cs
if:subcount(Page.Flash) > 0 ?>
<div class="flashes"><?cs
  each:f = Page.Flash ?><?cs
    if:f.Kind == "error" ?>
<p class="flash flash-error" role="alert"><?cs call:msg(f.Text) ?></p><?cs
    else ?>
<p class="flash flash-success" role="status"><?cs call:msg(f.Text) ?></p><?cs
    /if ?><?cs
  /each ?>
</div><?cs
/if ?><?cs
if:Status.Error ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Status.Error) ?><?cs
  if:Status.RetryAt ?> <strong dir="ltr"><?cs var:Status.RetryAt ?></strong><?cs /if ?></p><?cs
/if ?>
