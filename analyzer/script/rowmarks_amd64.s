//go:build !purego

#include "go_asm.h"
#include "textflag.h"

// func markChunksAVX2(m *rowMarks, p []byte, delim byte, afterBackslash bool)
TEXT ·markChunksAVX2(SB), NOSPLIT, $0-34
	MOVQ m+0(FP), R8
	MOVQ p_base+8(FP), SI
	MOVQ p_len+16(FP), CX
	SHRQ $6, CX                         // chunks
	MOVBLZX delim+32(FP), AX
	MOVBQZX afterBackslash+33(FP), R9
	MOVQ rowMarks_words(R8), DI         // the word being marked
	MOVQ rowMarks_rows(R8), R10
	MOVQ rowMarks_weighted(R8), R11

	MOVL $0x0a, DX
	MOVQ DX, X0
	VPBROADCASTB X0, Y0                 // newline
	MOVQ AX, X1
	VPBROADCASTB X1, Y1                 // delimiter
	MOVL $0x5c, DX
	MOVQ DX, X2
	VPBROADCASTB X2, Y2                 // backslash

chunk:
	TESTQ CX, CX
	JZ done
	VMOVDQU (SI), Y3
	VMOVDQU 32(SI), Y4

	// AX: newlines
	VPCMPEQB Y0, Y3, Y5
	VPCMPEQB Y0, Y4, Y6
	VPMOVMSKB Y5, AX
	VPMOVMSKB Y6, DX
	SHLQ $32, DX
	ORQ DX, AX

	// BX: delimiters
	VPCMPEQB Y1, Y3, Y5
	VPCMPEQB Y1, Y4, Y6
	VPMOVMSKB Y5, BX
	VPMOVMSKB Y6, DX
	SHLQ $32, DX
	ORQ DX, BX

	// R13: backslashes, then the delimiters after one
	VPCMPEQB Y2, Y3, Y5
	VPCMPEQB Y2, Y4, Y6
	VPMOVMSKB Y5, R13
	VPMOVMSKB Y6, DX
	SHLQ $32, DX
	ORQ DX, R13
	MOVQ R13, DX
	SHRQ $63, DX
	SHLQ $1, R13
	ORQ R9, R13
	ANDQ BX, R13
	MOVQ DX, R9

	MOVQ BX, rowMarks_delims(R8)(DI*8)
	MOVQ R13, rowMarks_afterBackslash(R8)(DI*8)
	MOVQ R11, rowMarks_weightedBefore(R8)(DI*8)
	POPCNTQ BX, BX
	POPCNTQ R13, R13
	SHLQ $32, R13
	ADDQ BX, R11
	ADDQ R13, R11

	// Four ends whether or not the word has them (see rowMarks.ends).
	MOVQ DI, R12
	SHLQ $6, R12                        // where the word starts
	POPCNTQ AX, BX                      // its newlines
	LEAQ rowMarks_ends(R8)(R10*2), DX
	TZCNTQ AX, R13
	ADDQ R12, R13
	MOVW R13, (DX)
	BLSRQ AX, AX
	TZCNTQ AX, R13
	ADDQ R12, R13
	MOVW R13, 2(DX)
	BLSRQ AX, AX
	TZCNTQ AX, R13
	ADDQ R12, R13
	MOVW R13, 4(DX)
	BLSRQ AX, AX
	TZCNTQ AX, R13
	ADDQ R12, R13
	MOVW R13, 6(DX)
	CMPQ BX, $4
	JA more

next:
	ADDQ BX, R10
	INCQ DI
	ADDQ $64, SI
	DECQ CX
	JMP chunk

more:
	ADDQ $8, DX
	BLSRQ AX, AX

moreEnds:
	TZCNTQ AX, R13
	ADDQ R12, R13
	MOVW R13, (DX)
	ADDQ $2, DX
	BLSRQ AX, AX
	JNZ moreEnds
	JMP next

done:
	MOVQ DI, rowMarks_words(R8)
	MOVQ R10, rowMarks_rows(R8)
	MOVQ R11, rowMarks_weighted(R8)
	VZEROUPPER
	RET
