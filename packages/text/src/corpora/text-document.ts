/** One document of a corpus: the unit that train/validation splits keep whole. */
export interface TextDocument {
  /** Names the document: its file path, 'chapter 1', '1790 George Washington', 'spam-1/00001'. */
  id: string;
  text: string;
  /** A class label where the corpus has one (SpamAssassin: 'spam', 'easy-ham', 'hard-ham'). */
  label?: string;
  /** Other facts the corpus gives (SOTU: year, president, party). */
  metadata?: Record<string, string | number>;
}
