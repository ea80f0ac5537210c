<?cs # public_header.cs: the top of the applicants' pages of the public
  vhost (the booking site /book, the status pages /status), up to the
  opening of <main> and its flash messages. Like layout/header.cs but
  lean: no agent bar, no script. Each site's own header sets, then
  includes this one: Public.Home (the site's name: brand and title),
  Public.HomeHref (its first page), Public.LangHref (a local URL ending
  in "lang=": the language links keep the page), Public.NoIndex (1: ask
  robots not to index), Public.Manage and Public.ManageHref (a second
  link in the bar, or unset), Public.Step (the booking's step 1..7, or
  unset). Also reads Page.Lang, Page.Dir, Page.Title,
  Page.Languages.N.{Code,Label}, Page.Flash.N.{Kind,Text}, Lang.*.
  Defines the macros of layout/macros.cs for the page. The file ends
  without a newline, so that the including header decides what
  follows. ?><?cs
include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>" dir="<?cs var:Page.Dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs if:Public.NoIndex ?><meta name="robots" content="noindex">
<?cs /if ?><title><?cs if:Page.Title ?><?cs var:Page.Title ?> – <?cs /if ?><?cs var:Public.Home ?></title>
<link rel="stylesheet" href="/static/havre.css">
<link rel="stylesheet" href="/static/book.css">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Layout.SkipLink ?></a>
<header class="site-header">
<div class="bar">
<a class="brand" href="<?cs var:url_validate(Public.HomeHref) ?>"><?cs var:Public.Home ?></a>
<?cs if:Public.ManageHref ?><a class="manage-link" href="<?cs var:url_validate(Public.ManageHref) ?>"><?cs var:Public.Manage ?></a>
<?cs /if ?><nav class="langs" aria-label="<?cs var:Lang.Lang.Switch ?>">
<ul><?cs
each:l = Page.Languages ?>
<li><a href="<?cs var:url_validate(Public.LangHref) ?><?cs var:url_escape(l.Code) ?>" lang="<?cs var:l.Code ?>" hreflang="<?cs var:l.Code ?>"<?cs
  if:l.Code == Page.Lang ?> aria-current="true"<?cs /if ?>><?cs var:l.Label ?></a></li><?cs
/each ?>
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1"><?cs
if:Public.Step ?>
<p class="steps"><?cs var:Lang.Book.Step ?> <?cs var:Public.Step ?> / 7</p><?cs
/if ?><?cs
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
# No newline ends this file: the including header goes on. ?>