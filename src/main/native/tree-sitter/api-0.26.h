/*
 * What tree-sitter 0.26's api.h adds to 0.25's, which is the api.h this build has: the core's own C files
 * (0.26.6) call these across files and name the decode function's type by its new name.
 */
#ifndef KR_TREE_SITTER_API_026_H
#define KR_TREE_SITTER_API_026_H

#include "tree_sitter/api.h"

#pragma GCC visibility push(default)

typedef DecodeFunction TSDecodeFunction;

void ts_point_edit(TSPoint *point, uint32_t *point_byte, const TSInputEdit *edit);
void ts_range_edit(TSRange *range, const TSInputEdit *edit);
bool ts_query_cursor_set_containing_byte_range(TSQueryCursor *self, uint32_t start_byte, uint32_t end_byte);
bool ts_query_cursor_set_containing_point_range(TSQueryCursor *self, TSPoint start_point, TSPoint end_point);

#pragma GCC visibility pop

#endif
