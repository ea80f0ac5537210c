-- 0011: every document to bring is named in the SMS (issue 13 item 1).
-- A service's documents may have a short form per line for SMS
-- (documents_short: line N is the short form of line N of documents; an
-- empty line keeps that document as written). The message templates
-- get the fragments messages.c needs in every language, so that no
-- message says "Nothing." in English inside a French text:
--   documents_none  {documents} when the service asks for nothing;
--   documents_next  {documents} when the list goes in a second SMS;
--   documents_list  that second SMS (with {documents} and the others);
--   documents_link  {documents} when the service lists its documents in
--                   English only (a pointer rather than a foreign text).
-- documents_more stays the last resort: documents past even a second
-- SMS of 4 parts are counted and left to the booking page.

ALTER TABLE service_text
	ADD COLUMN documents_short TEXT NOT NULL DEFAULT '' AFTER documents;

INSERT INTO message_template (event, lang, body, updated_at) VALUES
('documents_none', 'en', 'nothing', UTC_TIMESTAMP(6)),
('documents_next', 'en', 'the list in the next SMS', UTC_TIMESTAMP(6)),
('documents_list', 'en', 'Ref. {reference}, documents to bring: {documents}.', UTC_TIMESTAMP(6)),
('documents_link', 'en', 'see the list at {manage_url}', UTC_TIMESTAMP(6)),

('documents_none', 'fr', 'aucun document', UTC_TIMESTAMP(6)),
('documents_next', 'fr', 'la liste dans le SMS suivant', UTC_TIMESTAMP(6)),
('documents_list', 'fr', 'Réf. {reference}, documents à apporter : {documents}.', UTC_TIMESTAMP(6)),
('documents_link', 'fr', 'voir la liste sur {manage_url}', UTC_TIMESTAMP(6)),

('documents_none', 'ar', 'لا شيء', UTC_TIMESTAMP(6)),
('documents_next', 'ar', 'القائمة في الرسالة التالية', UTC_TIMESTAMP(6)),
('documents_list', 'ar', 'المرجع {reference}، الوثائق المطلوبة: {documents}.', UTC_TIMESTAMP(6)),
('documents_link', 'ar', 'انظر القائمة على {manage_url}', UTC_TIMESTAMP(6)),

('documents_none', 'es', 'nada', UTC_TIMESTAMP(6)),
('documents_next', 'es', 'la lista en el siguiente SMS', UTC_TIMESTAMP(6)),
('documents_list', 'es', 'Ref. {reference}, documentos que debe traer: {documents}.', UTC_TIMESTAMP(6)),
('documents_link', 'es', 'vea la lista en {manage_url}', UTC_TIMESTAMP(6)),

('documents_none', 'ht', 'anyen', UTC_TIMESTAMP(6)),
('documents_next', 'ht', 'lis la nan pwochen SMS la', UTC_TIMESTAMP(6)),
('documents_list', 'ht', 'Ref. {reference}, dokiman pou pote: {documents}.', UTC_TIMESTAMP(6)),
('documents_link', 'ht', 'gade lis la sou {manage_url}', UTC_TIMESTAMP(6));
